package io.policywatch.classify.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.classify.classification.Classifier;
import io.policywatch.events.Classification;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.EventTypes;
import io.policywatch.support.messaging.CloudEvents;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Classifies every document of {@code documents.extracted} and publishes it on {@code documents.classified}.
 * <p>
 * The record arrives as text and is parsed here rather than by a Kafka deserializer, so that a record that is not
 * a {@link DocumentExtracted} fails like any other bad record: the method throws, the record is nacked, and the
 * connector's dead-letter strategy parks it on {@code documents.extracted.dlq} with the reason while the next
 * record goes on. A record is acknowledged (and its offset committed) only when the method returns, which is
 * after Kafka acknowledged the classified event: a crash in between redelivers it, and the event id (the
 * document id) lets consumers drop the duplicate.
 */
@ApplicationScoped
public class ExtractedDocumentConsumer {

    static final String SOURCE = "/policywatch/classify-service";

    @Inject
    Classifier classifier;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry meters;

    @Inject
    @Channel(Channels.DOCUMENTS_CLASSIFIED)
    MutinyEmitter<DocumentClassified> classified;

    @Incoming(Channels.DOCUMENTS_EXTRACTED)
    @Blocking(value = Channels.CLASSIFY_WORKERS, ordered = false)
    public void onExtracted(String record) {
        try {
            DocumentExtracted document = parse(record);
            Classification classification = classifier.classify(document.text(), document.language());
            classified.sendMessageAndAwait(CloudEvents.message(new DocumentClassified(document, classification),
                    document.id(), document.id(), EventTypes.DOCUMENT_CLASSIFIED, SOURCE));
            meters.counter("policywatch.classify.documents", "outcome", "classified").increment();
        } catch (RuntimeException e) {
            meters.counter("policywatch.classify.documents", "outcome", "dead-lettered").increment();
            throw e;
        }
    }

    private DocumentExtracted parse(String record) {
        if (record == null || record.isBlank()) {
            throw new IllegalArgumentException("the record has no value");
        }
        DocumentExtracted document;
        try {
            document = mapper.readValue(record, DocumentExtracted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the record is not a DocumentExtracted event: " + e.getOriginalMessage(),
                    e);
        }
        if (!DocumentIds.isWellFormed(document.id())) {
            throw new IllegalArgumentException("the document id '" + document.id() + "' is not a SHA-256 in hex");
        }
        if (document.text() == null) {
            throw new IllegalArgumentException("document " + document.id() + " has no text");
        }
        return document;
    }
}
