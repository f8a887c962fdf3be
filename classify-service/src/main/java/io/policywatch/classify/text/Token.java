package io.policywatch.classify.text;

/**
 * A word of a sentence.
 *
 * @param surface the word as written
 * @param lower lower-cased, without a possessive 's
 * @param stem {@code lower} reduced to its singular form, so that plural and singular cues match alike
 * @param start offset of the word in the sentence text
 * @param end offset after the word in the sentence text
 */
public record Token(String surface, String lower, String stem, int start, int end) {
}
