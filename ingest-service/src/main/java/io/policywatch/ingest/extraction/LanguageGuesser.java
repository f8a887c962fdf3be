package io.policywatch.ingest.extraction;

import jakarta.inject.Singleton;

import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;

import io.quarkus.runtime.Startup;

/** The main language of a text as an ISO 639-1 code, or "und" when the detector is not reasonably sure. */
@Singleton
@Startup // loading the language profiles takes a moment: not on the first upload
public class LanguageGuesser {

    public static final String UNDETERMINED = "und";
    /** The start of a long text tells its language as well as the whole. */
    private static final int SAMPLE_CHARACTERS = 20_000;

    private final LanguageDetector detector = new OptimaizeLangDetector().loadModels();

    public String guess(String text) {
        LanguageResult result = detect(text.length() > SAMPLE_CHARACTERS ? text.substring(0, SAMPLE_CHARACTERS) : text);
        if (result.isUnknown() || !result.isReasonablyCertain()) {
            return UNDETERMINED;
        }
        // Optimaize names some languages with a region ("zh-CN"); the contract wants the bare language.
        String language = result.getLanguage();
        int region = language.indexOf('-');
        return region < 0 ? language : language.substring(0, region);
    }

    // The detector keeps the text it is fed: one detection at a time.
    private synchronized LanguageResult detect(String sample) {
        return detector.detect(sample);
    }
}
