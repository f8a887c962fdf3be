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

/**
 * The languages of a text as ISO 639-1 codes: its main language ("und" when the detector is not reasonably sure) and
 * its language mix.
 */
@Singleton
@Startup // loading the language profiles takes a moment: not on the first upload
public class LanguageGuesser {

    public static final String UNDETERMINED = "und";
    /**
     * The detector tells a language from a few thousand characters as well as from the whole text (checked on the
     * benchmark's 20 KB documents: 2,000 characters gave the same language, as reasonably certain, for all 60), and
     * its time grows with the text: 8 ms for 20,000 characters, 1 ms for 2,000.
     */
    static final int SAMPLE_CHARACTERS = 3_000;
    /** A long text is sampled in this many slices spread over it, so that a title page or an annex cannot decide. */
    private static final int SAMPLE_SLICES = 3;
    /** How much of a text the language mix is worked out from. */
    private static final int MIX_SAMPLE_CHARACTERS = 200_000;
    private static final Character.UnicodeScript[] SCRIPTS = Character.UnicodeScript.values();
    private static final int LATIN = Character.UnicodeScript.LATIN.ordinal();
    /** A shorter paragraph (a heading, a number) says too little about its language. */
    private static final int MIN_PARAGRAPH_CHARACTERS = 20;

    /** Loads the language profiles, which every detector shares, now rather than on the first upload. */
    public LanguageGuesser() {
        newDetector();
    }

    /**
     * The main language of a text and its language mix. Paragraphs (the clean text's lines) are grouped by their
     * writing system (Latin, Han, Cyrillic...) and each group's language is detected once, from a sample of it:
     * detecting paragraph by paragraph would cost the detector's fixed overhead per paragraph, many times the
     * whole upload's other work. So two languages of one script (English and French) show as one, the group's main
     * language. The main language is the largest group's; only a text whose groups gave no language is detected as
     * a whole (it may be made of short lines only). Only the first {@value #MIX_SAMPLE_CHARACTERS} characters go
     * into the mix.
     */
    public Languages detect(String text) {
        List<LanguageShare> mix = mix(text);
        String main = mix.isEmpty() ? languageOf(sample(text)).orElse(UNDETERMINED) : mix.get(0).language();
        return new Languages(main, mix);
    }

    /**
     * @param main an ISO 639-1 code, or {@value #UNDETERMINED}
     * @param mix the languages of the paragraphs, each with its share of the characters of the paragraphs whose
     *        language was recognised, largest first; a bilingual text has two
     */
    public record Languages(String main, List<LanguageShare> mix) {
    }

    private List<LanguageShare> mix(String text) {
        Map<Character.UnicodeScript, StringBuilder> groups = new EnumMap<>(Character.UnicodeScript.class);
        String sampled = text.length() > MIX_SAMPLE_CHARACTERS ? text.substring(0, MIX_SAMPLE_CHARACTERS) : text;
        for (String line : (Iterable<String>) sampled.lines()::iterator) {
            String paragraph = line.strip();
            if (paragraph.length() >= MIN_PARAGRAPH_CHARACTERS) {
                groups.computeIfAbsent(mainScript(paragraph), any -> new StringBuilder()).append(paragraph).append('\n');
            }
        }
        Map<String, Long> byLanguage = new HashMap<>();
        groups.forEach((script, group) -> languageOf(sample(group.toString()))
                .ifPresent(language -> byLanguage.merge(language, (long) group.length(), Long::sum)));
        double recognised = byLanguage.values().stream().mapToLong(Long::longValue).sum();
        return byLanguage.entrySet().stream()
                .map(entry -> new LanguageShare(entry.getKey(), Math.round(100 * entry.getValue() / recognised) / 100.0))
                .filter(share -> share.share() > 0)
                .sorted(Comparator.comparingDouble(LanguageShare::share).reversed().thenComparing(LanguageShare::language))
                .toList();
    }

    /**
     * The whole text when it is short; else {@value #SAMPLE_SLICES} slices of it, from its start, middle and end,
     * cut at spaces so that no word is cut in two.
     */
    static String sample(String text) {
        if (text.length() <= SAMPLE_CHARACTERS) {
            return text;
        }
        int slice = SAMPLE_CHARACTERS / SAMPLE_SLICES;
        StringBuilder sample = new StringBuilder(SAMPLE_CHARACTERS + SAMPLE_SLICES);
        for (int i = 0; i < SAMPLE_SLICES; i++) {
            int start = wordStart(text, (int) ((long) (text.length() - slice) * i / (SAMPLE_SLICES - 1)));
            int end = Math.min(text.length(), start + slice);
            int lastSpace = text.lastIndexOf(' ', end);
            sample.append(text, start, end < text.length() && lastSpace > start ? lastSpace : end).append('\n');
        }
        return sample.toString();
    }

    /** The start of the first whole word at or after index. */
    private static int wordStart(String text, int index) {
        if (index == 0) {
            return 0;
        }
        int space = text.indexOf(' ', index - 1);
        return space < 0 ? index : space + 1;
    }

    /** The script most of the paragraph's letters are written in. */
    private static Character.UnicodeScript mainScript(String paragraph) {
        int[] letters = new int[SCRIPTS.length];
        int best = Character.UnicodeScript.COMMON.ordinal();
        for (int i = 0; i < paragraph.length();) {
            int codePoint = paragraph.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetter(codePoint)) {
                // The letters below 0x80 are a-z and A-Z: no need to look their script up.
                int script = codePoint < 0x80 ? LATIN : Character.UnicodeScript.of(codePoint).ordinal();
                if (++letters[script] > letters[best]) {
                    best = script;
                }
            }
        }
        return SCRIPTS[best];
    }

    private Optional<String> languageOf(String sample) {
        LanguageResult result = newDetector().detect(sample);
        if (result.isUnknown() || !result.isReasonablyCertain()) {
            return Optional.empty();
        }
        // Optimaize names some languages with a region ("zh-CN"); the contract wants the bare language.
        String language = result.getLanguage();
        int region = language.indexOf('-');
        return Optional.of(region < 0 ? language : language.substring(0, region));
    }

    /**
     * A detector keeps the text it is fed, so detections cannot share one; a new one per detection costs little,
     * since they all share the loaded profiles, and lets parse threads detect at the same time.
     */
    private static LanguageDetector newDetector() {
        return new OptimaizeLangDetector(SAMPLE_CHARACTERS + SAMPLE_SLICES).loadModels();
    }
}
