package io.policywatch.classify.text;

import java.util.regex.Pattern;

/** Undoes OCR misreadings that change what a sentence is about. */
public final class OcrRepair {

    /**
     * OCR reads the capital I of "AI" as a lower-case l. "Al" followed by a lower-case word, punctuation or the end
     * is taken for "AI"; a name ("Al Gore", "Al-Qaida") is followed by a capital or a hyphen and stays.
     */
    private static final Pattern AL_FOR_AI = Pattern.compile("\\bAl\\b(?=\\s*(?:[\\p{Ll},.;:)]|$))");

    /** The text with the misreadings undone, as long as the original (offsets stay valid). */
    public static String repair(String text) {
        return AL_FOR_AI.matcher(text).replaceAll("AI");
    }

    private OcrRepair() {
    }
}
