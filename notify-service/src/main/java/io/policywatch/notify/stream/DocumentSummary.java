package io.policywatch.notify.stream;

import java.time.Instant;
import java.util.List;

import io.policywatch.events.Classification;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Stance;

/**
 * What a dashboard shows of a classified document: no text, no sentences, the labels and where to get the rest.
 *
 * @param classifiedAt when the classification was written to Kafka (the record's timestamp)
 * @param domains the document's domains, strongest first, each with the stance that prevails in its sentences
 */
public record DocumentSummary(
        String id,
        String title,
        String language,
        String source,
        Instant publishedAt,
        Instant receivedAt,
        Instant classifiedAt,
        String model,
        int characters,
        List<DomainStance> domains,
        List<Classification.EntityMention> entities,
        List<String> issuers,
        Links links) {

    /**
     * A domain of the document and where its sentences stand.
     *
     * @param stance support when more of the domain's sentences support than oppose, oppose when more oppose, else
     *        neutral: neutral sentences (most of any text) do not outvote the ones that take a position
     * @param sentences how many of the domain's sentences take each stance
     */
    public record DomainStance(String domain, double score, Stance stance, Classification.StanceCounts sentences) {

        public static DomainStance of(Classification.DomainScore score) {
            Classification.StanceCounts counts = score.stance() == null ? new Classification.StanceCounts(0, 0, 0)
                    : score.stance();
            Stance prevailing = counts.support() > counts.oppose() ? Stance.SUPPORT
                    : counts.oppose() > counts.support() ? Stance.OPPOSE : Stance.NEUTRAL;
            return new DomainStance(score.domain(), score.score(), prevailing, counts);
        }
    }

    /** @param document ingest-service's metadata and text of the document; {@code original} its original bytes */
    public record Links(String document, String original) {
    }

    public static DocumentSummary of(DocumentClassified event, Instant classifiedAt, String ingestUrl) {
        String base = (ingestUrl.endsWith("/") ? ingestUrl.substring(0, ingestUrl.length() - 1) : ingestUrl)
                + "/documents/" + event.id();
        Classification classification = event.classification();
        return new DocumentSummary(event.id(), event.document().title(), classification.language(),
                event.document().source(), event.document().publishedAt(), event.document().receivedAt(), classifiedAt,
                classification.model(), event.document().characters(),
                orEmpty(classification.domains()).stream().map(DomainStance::of).toList(),
                orEmpty(classification.entities()), orEmpty(classification.issuers()),
                new Links(base, base + "/original"));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
