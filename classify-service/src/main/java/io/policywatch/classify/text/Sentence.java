package io.policywatch.classify.text;

/**
 * A sentence found in a text.
 *
 * @param start offset of its first character in the original text
 * @param end offset after its last character in the original text
 * @param text the sentence as read: hard-wrapped lines joined, end-of-line hyphenation undone, whitespace collapsed
 */
public record Sentence(int start, int end, String text) {
}
