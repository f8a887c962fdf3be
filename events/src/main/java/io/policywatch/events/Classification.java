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
 * @param gazetteerVersion version of the gazetteer the entities come from, or null when none were looked up
 * @param entities the states and international organizations the text mentions, most mentioned first
 * @param issuers ids of the entities the text presents as speaking (several for a joint statement); empty when the
 *        text does not say
 */
public record Classification(
        String model,
        String taxonomyVersion,
        String language,
        boolean languageSupported,
        List<DomainScore> domains,
        List<SentenceLabel> sentences,
        String gazetteerVersion,
        List<EntityMention> entities,
        List<String> issuers) {

    /** The same classification with the entities found in the text. */
    public Classification withEntities(String gazetteerVersion, List<EntityMention> entities, List<String> issuers) {
        return new Classification(model, taxonomyVersion, language, languageSupported, domains, sentences,
                gazetteerVersion, entities, issuers);
    }

    /**
     * A state or international organization the text names.
     *
     * @param id a stable id (ISO 3166 alpha-3 for states, e.g. "CHN"; an acronym for organizations, e.g. "SCO")
     * @param type "state" or "organization"
     * @param mentions how many times the text names it
     */
    public record EntityMention(String id, String name, String type, int mentions) {
    }

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
