package io.policywatch.events;

import java.util.List;

/**
 * What classify-service says of a text: the same shape from {@code POST /classify} and inside
 * {@link DocumentClassified}.
 *
 * @param model name and version of the classifier, e.g. "policywatch-classifier/1.0"
 * @param taxonomyVersion version of the taxonomy the labels come from
 * @param language ISO 639-1 code of the text's language, or "und"
 * @param languageSupported false when the language is not one the classifier handles: no labels are guessed
 * @param domains the document's domains, strongest first
 * @param sentences every sentence of the text, in order
 */
public record Classification(
        String model,
        String taxonomyVersion,
        String language,
        boolean languageSupported,
        List<DomainScore> domains,
        List<SentenceLabel> sentences) {

    /** A document-level domain with its score in [0, 1] and how its sentences' stances add up. */
    public record DomainScore(String domain, double score, StanceCounts stance) {
    }

    /** Number of sentences of each stance. */
    public record StanceCounts(int support, int oppose, int neutral) {
    }

    /**
     * One sentence. {@code start} and {@code end} are character offsets into the document text ({@code end}
     * exclusive).
     */
    public record SentenceLabel(
            int index,
            int start,
            int end,
            String text,
            List<String> domains,
            Stance stance,
            double confidence) {
    }
}
