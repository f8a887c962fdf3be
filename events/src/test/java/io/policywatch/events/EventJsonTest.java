package io.policywatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void classifiedDocumentSurvivesAJsonRoundTripWithLowerCaseStances() throws Exception {
        DocumentExtracted document = new DocumentExtracted(DocumentIds.of("hello".getBytes(StandardCharsets.UTF_8)),
                "a.txt", "text/plain", 5, "A", null, null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, "en",
                List.of(new LanguageShare("en", 1.0)), null, 5,
                List.of(), "hello");
        Classification classification = new Classification("m/1", "1", "en", true,
                List.of(new Classification.DomainScore("cyber", 0.5, new Classification.StanceCounts(1, 0, 0))),
                List.of(new Classification.SentenceLabel(0, 0, 5, "hello", List.of("cyber"), Stance.OPPOSE, 0.9)),
                "1", List.of(new Classification.EntityMention("SCO", "Shanghai Cooperation Organization",
                        "organization", 1)),
                List.of("SCO"));
        DocumentClassified event = new DocumentClassified(document, classification);

        String text = json.writeValueAsString(event);

        assertTrue(text.contains("\"stance\":\"oppose\""), text);
        assertTrue(text.contains("\"receivedAt\":\"2026-01-01T00:00:00Z\""), text);
        assertEquals(event, json.readValue(text, DocumentClassified.class));
    }

    @Test
    void documentIdIsTheSha256OfTheBytes() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                DocumentIds.of("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(DocumentIds.isWellFormed(DocumentIds.of(new byte[0])));
        assertTrue(!DocumentIds.isWellFormed("../../etc/passwd"));
    }

    @Test
    void alertIdDependsOnlyOnSubscriptionAndDocument() {
        assertEquals(AlertRaised.idFor("s1", "d1"), AlertRaised.idFor("s1", "d1"));
        assertNotEquals(AlertRaised.idFor("s1", "d1"), AlertRaised.idFor("s2", "d1"));
        assertNotEquals(AlertRaised.idFor("s1", "d1"), AlertRaised.idFor("s1", "d2"));
    }

    @Test
    void stanceParsesItsJsonNameAndRejectsOthers() {
        assertEquals(Stance.OPPOSE, Stance.fromId("Oppose"));
        assertThrows(IllegalArgumentException.class, () -> Stance.fromId("against"));
    }

    @Test
    void everyTopicHasADeadLetterTopicExceptDeadLetterTopics() {
        List<String> names = Topics.all().stream().map(Topics.TopicSpec::name).toList();
        for (String topic : List.of(Topics.DOCUMENTS_EXTRACTED, Topics.DOCUMENTS_CLASSIFIED, Topics.SUBSCRIPTIONS,
                Topics.ALERTS)) {
            assertTrue(names.contains(Topics.deadLetter(topic)), topic);
        }
    }
}
