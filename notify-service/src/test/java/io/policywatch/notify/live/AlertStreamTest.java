package io.policywatch.notify.live;

import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.subscribe;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The SSE stream of alerts, read by a plain JDK HTTP client as any browser or script would. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class AlertStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TestHTTPResource("/alerts/stream")
    URL stream;

    @Inject
    ObjectMapper mapper;

    /** One Server-Sent Event: its fields (id, event, data). */
    private record Event(Map<String, String> fields) {
    }

    @Test
    void anAlertOfAFollowedSubscriptionReachesTheStreamWithTheAlertIdAsEventId() throws Exception {
        String word = uniqueWord();
        String otherWord = uniqueWord();
        Created followed = subscribe(Map.of("name", "followed", "query", word));
        Created other = subscribe(Map.of("name", "not followed", "query", otherWord));
        Created alsoFollowed = subscribe(Map.of("name", "also followed", "query", "nothing" + otherWord));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stream + "?subscription=" + followed.id() + "&subscription=" + alsoFollowed.id()))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> readEvents(response.body(), events));
        reader.setDaemon(true);
        reader.start();
        DocumentClassified notFollowed = sanctionsDocument(otherWord, "Not followed " + otherWord);
        DocumentClassified document = sanctionsDocument(word, "Followed " + word);

        publish(mapper, notFollowed);
        publish(mapper, document);

        Event event = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event, "no event within " + TIMEOUT);
        String alertId = AlertRaised.idFor(followed.id(), document.id());
        assertEquals(alertId, event.fields().get("id"));
        assertEquals("alert", event.fields().get("event"));
        JsonNode alert = mapper.readTree(event.fields().get("data"));
        assertEquals(document.id(), alert.path("documentId").asText());
        assertEquals(followed.id(), alert.path("subscriptionId").asText());
        assertEquals("The council met in <mark>" + word + "</mark> on Monday.",
                alert.path("passages").get(0).path("highlighted").asText());
        // The unfollowed subscription's alert was raised first and never came.
        given().when().get("/subscriptions/" + other.id() + "/alerts").then().statusCode(200)
                .body("[0].documentId", equalTo(notFollowed.id()));
        assertEquals(null, events.poll(1, TimeUnit.SECONDS));
        reader.interrupt();
        response.body().close();
    }

    @Test
    void aStreamNeedsKnownSubscriptions() {
        given().when().get("/alerts/stream")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("subscription", "no-such-subscription").when().get("/alerts/stream")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void readEvents(Stream<String> lines, BlockingQueue<Event> events) {
        Map<String, String> fields = new HashMap<>();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Event(Map.copyOf(fields)));
                    }
                    fields.clear();
                } else if (!line.startsWith(":") && line.contains(":")) {
                    String name = line.substring(0, line.indexOf(':'));
                    String value = line.substring(line.indexOf(':') + 1).stripLeading();
                    fields.merge(name, value, (earlier, more) -> earlier + "\n" + more);
                }
            });
        } catch (RuntimeException closed) {
            // The test closed the stream.
        }
    }
}
