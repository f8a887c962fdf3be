package io.policywatch.notify.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Classification;
import io.policywatch.events.Classification.DomainScore;
import io.policywatch.events.Classification.StanceCounts;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Topics;
import io.policywatch.testing.TopicWriter;

/** Classified documents with chosen document-level labels, put on documents.classified as classify-service does. */
public final class LabelledDocuments {

    /** A domain whose sentences support, oppose and stay neutral as many times as given. */
    public static DomainScore domain(String domain, double score, int support, int oppose, int neutral) {
        return new DomainScore(domain, score, new StanceCounts(support, oppose, neutral));
    }

    /** A document with a text of its own (so an id of its own) and the given labels. */
    public static DocumentClassified document(String title, String language, DomainScore... domains) {
        String text = title + " " + UUID.randomUUID();
        DocumentExtracted document = new DocumentExtracted(DocumentIds.of(text.getBytes(StandardCharsets.UTF_8)),
                null, "text/plain", text.length(), title, null, "test", null, Instant.now(), null, null, language,
                List.of(), null, text.length(), List.of(), text);
        Classification classification = new Classification("test-classifier/1", "1", language, true,
                List.of(domains), List.of(), "1",
                List.of(new Classification.EntityMention("CHN", "China", "state", 2)), List.of("CHN"));
        return new DocumentClassified(document, classification);
    }

    /** Publishes with the CloudEvents headers classify-service sets, keyed by the document id. */
    public static void publish(ObjectMapper mapper, DocumentClassified document) {
        try {
            TopicWriter.send(Topics.DOCUMENTS_CLASSIFIED, document.id(), mapper.writeValueAsString(document),
                    TopicWriter.cloudEventHeaders(document.id(), EventTypes.DOCUMENT_CLASSIFIED));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Labels with no other test's domain in them, so tests sharing the broker see only their own documents. */
    public static String uniqueDomain(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private LabelledDocuments() {
    }
}
