package io.policywatch.classify.text;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells which language a text is in, well enough to decide whether the English classifier may label it: the
 * script first, then, for Latin script, which language's function words are most frequent.
 */
public final class LanguageDetector {

    public static final String ENGLISH = "en";
    public static final String UNDETERMINED = "und";

    static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of("the", "of", "and", "to", "in", "is", "that", "for",
            "it", "on", "with", "as", "by", "this", "are", "be", "which", "from", "at", "its", "or", "an", "was",
            "were", "has", "have", "will", "their", "all", "not", "should", "we", "our", "a", "they", "these",
            "such", "into", "between", "other", "must", "can", "there", "been", "who", "would", "also");

    /** Words frequent in each language and rare in the others (English first: it wins ties). */
    private static final Map<String, Set<String>> FUNCTION_WORDS = new LinkedHashMap<>();
    static {
        FUNCTION_WORDS.put(ENGLISH, ENGLISH_FUNCTION_WORDS);
        FUNCTION_WORDS.put("fr", Set.of("le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que",
                "qui", "sur", "au", "aux", "par", "pas", "ces", "sont", "avec", "nous", "leur", "cette"));
        FUNCTION_WORDS.put("es", Set.of("el", "los", "las", "del", "y", "es", "una", "por", "para", "con", "que",
                "se", "su", "sus", "al", "lo", "como", "más", "este", "esta", "entre"));
        FUNCTION_WORDS.put("de", Set.of("der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein",
                "eine", "zu", "von", "auf", "für", "sich", "wir", "werden", "auch", "im"));
        FUNCTION_WORDS.put("it", Set.of("il", "di", "che", "della", "non", "sono", "gli", "alla", "nel", "delle",
                "per", "del"));
        FUNCTION_WORDS.put("pt", Set.of("os", "da", "do", "das", "dos", "em", "não", "uma", "com", "são", "ao",
                "pelo", "pela"));
        FUNCTION_WORDS.put("nl", Set.of("het", "een", "van", "dat", "op", "voor", "niet", "zijn", "wij", "ook"));
        FUNCTION_WORDS.put("sv", Set.of("och", "att", "det", "som", "på", "är", "för", "med", "till", "av",
                "inte", "har", "vi", "ett"));
    }

    private static final Map<UnicodeScript, String> SCRIPT_LANGUAGES = new EnumMap<>(Map.of(
            UnicodeScript.HAN, "zh", UnicodeScript.HANGUL, "ko", UnicodeScript.CYRILLIC, "ru",
            UnicodeScript.ARABIC, "ar", UnicodeScript.GREEK, "el", UnicodeScript.HEBREW, "he",
            UnicodeScript.DEVANAGARI, "hi", UnicodeScript.THAI, "th"));

    /** Too few words to tell: a short Latin-script text is taken for English unless another language shows. */
    private static final int FEW_WORDS = 6;
    private static final double MIN_FUNCTION_WORD_SHARE = 0.05;

    /** Enough text to tell a language by; a 16 MiB document does not need reading in full for it. */
    private static final int SAMPLE_CHARS = 100_000;

    /** An ISO 639-1 code, or {@value #UNDETERMINED}. */
    public static String detect(String text) {
        if (text.length() > SAMPLE_CHARS) {
            text = text.substring(0, SAMPLE_CHARS);
        }
        Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter)
                .forEach(cp -> letters.merge(UnicodeScript.of(cp), 1, Integer::sum));
        int total = letters.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return UNDETERMINED;
        }
        int kana = letters.getOrDefault(UnicodeScript.HIRAGANA, 0) + letters.getOrDefault(UnicodeScript.KATAKANA, 0);
        if (kana * 10 > total) {
            return "ja";
        }
        UnicodeScript dominant = letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        if (dominant != UnicodeScript.LATIN) {
            return SCRIPT_LANGUAGES.getOrDefault(dominant, UNDETERMINED);
        }
        return byFunctionWords(text);
    }

    private static String byFunctionWords(String text) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        FUNCTION_WORDS.keySet().forEach(language -> hits.put(language, 0));
        int words = 0;
        for (Token token : Tokenizer.tokenize(text)) {
            if (!token.lower().chars().allMatch(Character::isLetter)) {
                continue;
            }
            words++;
            FUNCTION_WORDS.forEach((language, set) -> {
                if (set.contains(token.lower())) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        String best = ENGLISH;
        for (Map.Entry<String, Integer> entry : hits.entrySet()) {
            if (entry.getValue() > hits.get(best)) {
                best = entry.getKey();
            }
        }
        if (words < FEW_WORDS) {
            return hits.get(best) > hits.get(ENGLISH) ? best : ENGLISH;
        }
        return hits.get(best) >= MIN_FUNCTION_WORD_SHARE * words ? best : UNDETERMINED;
    }

    private LanguageDetector() {
    }
}
