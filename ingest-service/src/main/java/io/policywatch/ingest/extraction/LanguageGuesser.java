package io.policywatch.ingest.extraction;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;

import io.policywatch.events.LanguageShare;
import io.quarkus.runtime.Startup;

/** The main language of a text as an ISO 639-1 code, or "und" when the detector is not reasonably sure. */
@Singleton
@Startup // loading the language profiles takes a moment: not on the first upload
public class LanguageGuesser {

    public static final String UNDETERMINED = "und";
    /** The start of a long text tells its language as well as the whole. */
    private static final int SAMPLE_CHARACTERS = 20_000;
    /** How much of a text the language mix is worked out from. */
    private static final int MIX_SAMPLE_CHARACTERS = 200_000;
    /** The detector needs little text to tell a language; its time grows with the text. */
    private static final int GROUP_SAMPLE_CHARACTERS = 5_000;
    /** A shorter paragraph (a heading, a number) says too little about its language. */
    private static final int MIN_PARAGRAPH_CHARACTERS = 20;

    private final LanguageDetector detector = new OptimaizeLangDetector().loadModels();

    public String guess(String text) {
        return languageOf(text.length() > SAMPLE_CHARACTERS ? text.substring(0, SAMPLE_CHARACTERS) : text)
                .orElse(UNDETERMINED);
    }

    /**
     * The languages of a text's paragraphs (its lines: the clean text has a paragraph on a line), each with its
     * share of the characters of the paragraphs whose language was recognised, largest first. A bilingual text
     * has two. Paragraphs are grouped by their writing system (Latin, Han, Cyrillic...) and each group's language is
     * detected once: detecting paragraph by paragraph costs the detector's fixed overhead per paragraph, many times
     * the whole upload's other work. So two languages of one script (English and French) show as one, the
     * group's main language. Only the first {@value #MIX_SAMPLE_CHARACTERS} characters are looked at.
     */
    public List<LanguageShare> mix(String text) {
        Map<Character.UnicodeScript, StringBuilder> samples = new EnumMap<>(Character.UnicodeScript.class);
        Map<Character.UnicodeScript, Long> characters = new EnumMap<>(Character.UnicodeScript.class);
        String sampled = text.length() > MIX_SAMPLE_CHARACTERS ? text.substring(0, MIX_SAMPLE_CHARACTERS) : text;
        for (String line : (Iterable<String>) sampled.lines()::iterator) {
            String paragraph = line.strip();
            if (paragraph.length() < MIN_PARAGRAPH_CHARACTERS) {
                continue;
            }
            Character.UnicodeScript script = mainScript(paragraph);
            characters.merge(script, (long) paragraph.length(), Long::sum);
            StringBuilder sample = samples.computeIfAbsent(script, any -> new StringBuilder());
            if (sample.length() < GROUP_SAMPLE_CHARACTERS) {
                sample.append(paragraph).append('\n');
            }
        }
        Map<String, Long> byLanguage = new HashMap<>();
        samples.forEach((script, sample) -> languageOf(sample.toString())
                .ifPresent(language -> byLanguage.merge(language, characters.get(script), Long::sum)));
        double recognised = byLanguage.values().stream().mapToLong(Long::longValue).sum();
        return byLanguage.entrySet().stream()
                .map(entry -> new LanguageShare(entry.getKey(), Math.round(100 * entry.getValue() / recognised) / 100.0))
                .filter(share -> share.share() > 0)
                .sorted(Comparator.comparingDouble(LanguageShare::share).reversed().thenComparing(LanguageShare::language))
                .toList();
    }

    /** The script most of the paragraph's letters are written in. */
    private static Character.UnicodeScript mainScript(String paragraph) {
        Map<Character.UnicodeScript, Integer> letters = new EnumMap<>(Character.UnicodeScript.class);
        paragraph.codePoints().filter(Character::isLetter)
                .forEach(letter -> letters.merge(Character.UnicodeScript.of(letter), 1, Integer::sum));
        return letters.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Character.UnicodeScript.COMMON);
    }

    private Optional<String> languageOf(String sample) {
        LanguageResult result = detect(sample);
        if (result.isUnknown() || !result.isReasonablyCertain()) {
            return Optional.empty();
        }
        // Optimaize names some languages with a region ("zh-CN"); the contract wants the bare language.
        String language = result.getLanguage();
        int region = language.indexOf('-');
        return Optional.of(region < 0 ? language : language.substring(0, region));
    }

    // The detector keeps the text it is fed: one detection at a time.
    private synchronized LanguageResult detect(String sample) {
        return detector.detect(sample);
    }
}
