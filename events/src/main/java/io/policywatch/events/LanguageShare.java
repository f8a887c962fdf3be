package io.policywatch.events;

/**
 * How much of a document's text is in one language.
 *
 * @param language ISO 639-1 code
 * @param share the fraction of the text's characters in paragraphs of that language (0 to 1, two decimals)
 */
public record LanguageShare(String language, double share) {
}
