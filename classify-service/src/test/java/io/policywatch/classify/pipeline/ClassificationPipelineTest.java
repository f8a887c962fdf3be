package io.policywatch.classify.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.policywatch.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ClassificationPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;

    @Test
    void anExtractedDocumentIsPublishedClassifiedUnderItsId() throws Exception {
        String text = "The member states call for a legally binding treaty to prevent an arms race in outer space. "
                + "They oppose the placement of weapons on satellites. Reference " + UUID.randomUUID() + ".";
        DocumentExtracted document = extracted(text, "en");

        send(document);

        TopicReader.Received received = TopicReader.awaitRecord(Topics.DOCUMENTS_CLASSIFIED,
                record -> document.id().equals(record.key()), WAIT);
        assertEquals(document.id(), received.headers().get("ce_id"));
        assertEquals(EventTypes.DOCUMENT_CLASSIFIED, received.headers().get("ce_type"));
        assertEquals(ExtractedDocumentConsumer.SOURCE, received.headers().get("ce_source"));
        JsonNode event = mapper.readTree(received.value());
        assertEquals(document.id(), event.at("/document/id").asText());
        assertEquals(text, event.at("/document/text").asText());
        assertEquals(document.receivedAt().toString(), event.at("/document/receivedAt").asText());
        assertEquals("policywatch-classifier/2.1", event.at("/classification/model").asText());
        assertEquals("outer-space", event.at("/classification/domains/0/domain").asText());
        assertEquals("support", event.at("/classification/sentences/0/stance").asText());
        assertEquals("oppose", event.at("/classification/sentences/1/stance").asText());
    }

    @Test
    void aRecordThatIsNotAnExtractedDocumentGoesToTheDeadLetterTopicAndTheNextIsStillClassified()
            throws Exception {
        String garbageKey = "garbage-" + UUID.randomUUID();
        DocumentExtracted valid = extracted("We support the peaceful use of cyberspace. " + UUID.randomUUID(), "en");

        TopicWriter.send(Topics.DOCUMENTS_EXTRACTED, garbageKey, "{this is not json",
                TopicWriter.cloudEventHeaders(garbageKey, EventTypes.DOCUMENT_EXTRACTED));
        send(valid);

        TopicReader.Received dead = TopicReader.awaitRecord(Topics.deadLetter(Topics.DOCUMENTS_EXTRACTED),
                record -> garbageKey.equals(record.key()), WAIT);
        assertEquals("{this is not json", dead.value());
        assertTrue(dead.headers().get("dead-letter-reason").contains("not a DocumentExtracted event"),
                () -> "reason: " + dead.headers());
        TopicReader.awaitRecord(Topics.DOCUMENTS_CLASSIFIED, record -> valid.id().equals(record.key()), WAIT);
    }

    @Test
    void aDocumentWithoutAValidIdGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "bad-id-" + UUID.randomUUID();
        DocumentExtracted document = new DocumentExtracted(key, "x.txt", "text/plain", 10, "x", null, null, null,
                Instant.now(), null, null, "en", List.of(), null, 10, List.of(), "Some text.");

        TopicWriter.send(Topics.DOCUMENTS_EXTRACTED, key, mapper.writeValueAsString(document),
                TopicWriter.cloudEventHeaders(key, EventTypes.DOCUMENT_EXTRACTED));

        TopicReader.Received dead = TopicReader.awaitRecord(Topics.deadLetter(Topics.DOCUMENTS_EXTRACTED),
                record -> key.equals(record.key()), WAIT);
        assertTrue(dead.headers().get("dead-letter-reason").contains("is not a SHA-256"), dead.headers()::toString);
    }

    private void send(DocumentExtracted document) throws Exception {
        TopicWriter.send(Topics.DOCUMENTS_EXTRACTED, document.id(), mapper.writeValueAsString(document),
                TopicWriter.cloudEventHeaders(document.id(), EventTypes.DOCUMENT_EXTRACTED));
    }

    private static DocumentExtracted extracted(String text, String language) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new DocumentExtracted(DocumentIds.of(bytes), "statement.txt", "text/plain", bytes.length, "Statement",
                null, "test", null, Instant.now(), null, null, language, List.of(), null, text.length(), List.of(), text);
    }
}
