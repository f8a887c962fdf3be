package io.policywatch.notify.live;

import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.subscribe;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.notify.stream.LiveStreams;
import io.policywatch.notify.stream.SseClient;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The SSE stream of alerts, read by a plain JDK HTTP client as any browser or script would. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class AlertStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long "nothing more arrives" is watched for: longer than the test heartbeat (1 s). */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Inject
    ObjectMapper mapper;

    private URI following(Created... subscriptions) {
        StringBuilder query = new StringBuilder();
        for (Created subscription : subscriptions) {
            query.append(query.isEmpty() ? "?" : "&").append("subscription=").append(subscription.id());
        }
        return URI.create(stream + query.toString());
    }

    private static SseClient.Event awaitReady(SseClient client) throws InterruptedException {
        SseClient.Event ready = client.next(TIMEOUT);
        assertEquals(LiveStreams.READY_EVENT, ready.name());
        return ready;
    }

    /** The ids of the alerts among the events. */
    private List<String> alertIds(List<SseClient.Event> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (SseClient.Event event : events) {
            if (event.name().equals(AlertStreams.ALERT_EVENT)) {
                ids.add(mapper.readTree(event.data()).path("id").asText());
            }
        }
        return ids;
    }

    @Test
    void anAlertOfAFollowedSubscriptionReachesTheStreamAndOthersDoNot() throws Exception {
        String word = uniqueWord();
        String otherWord = uniqueWord();
        Created followed = subscribe(Map.of("name", "followed", "query", word));
        Created other = subscribe(Map.of("name", "not followed", "query", otherWord));
        Created alsoFollowed = subscribe(Map.of("name", "also followed", "query", "nothing" + otherWord));
        try (SseClient client = SseClient.connect(following(followed, alsoFollowed), null)) {
            assertThat(client.contentType(), startsWith("text/event-stream"));
            awaitReady(client);
            DocumentClassified notFollowed = sanctionsDocument(otherWord, "Not followed " + otherWord);
            DocumentClassified document = sanctionsDocument(word, "Followed " + word);

            publish(mapper, notFollowed);
            publish(mapper, document);

            SseClient.Event event = client.next(TIMEOUT);
            assertEquals(AlertStreams.ALERT_EVENT, event.name());
            JsonNode alert = mapper.readTree(event.data());
            assertEquals(AlertRaised.idFor(followed.id(), document.id()), alert.path("id").asText());
            assertEquals(document.id(), alert.path("documentId").asText());
            assertEquals(followed.id(), alert.path("subscriptionId").asText());
            assertEquals("The council met in <mark>" + word + "</mark> on Monday.",
                    alert.path("passages").get(0).path("highlighted").asText());
            // The unfollowed subscription's alert was raised and never came.
            given().when().get("/subscriptions/" + other.id() + "/alerts").then().statusCode(200)
                    .body("[0].documentId", equalTo(notFollowed.id()));
            assertEquals(List.of(), alertIds(client.during(QUIET_PERIOD)));
        }
    }

    @Test
    void aReconnectingClientGetsTheAlertsItMissedOnceAndIdleStreamsGetHeartbeats() throws Exception {
        String word = uniqueWord();
        String otherWord = uniqueWord();
        Created followed = subscribe(Map.of("name", "followed across a reconnection", "query", word));
        Created other = subscribe(Map.of("name", "not followed", "query", otherWord));
        DocumentClassified before = sanctionsDocument(word, "Before " + word);
        DocumentClassified missed = sanctionsDocument(word + " missed", "Missed " + word);
        DocumentClassified notFollowed = sanctionsDocument(otherWord, "Not followed " + otherWord);
        DocumentClassified after = sanctionsDocument(word + " after", "After " + word);

        String lastEventId;
        try (SseClient client = SseClient.connect(following(followed), null)) {
            awaitReady(client);
            publish(mapper, before);
            SseClient.Event event = client.next(TIMEOUT);
            assertEquals(List.of(AlertRaised.idFor(followed.id(), before.id())), alertIds(List.of(event)));
            lastEventId = event.id();
            // Nothing else happens on this stream for a while: comment lines keep it open.
            assertEquals(List.of(), client.during(QUIET_PERIOD));
            assertTrue(client.comments() > 0, "no heartbeat within " + QUIET_PERIOD);
        }

        publish(mapper, missed);
        publish(mapper, notFollowed);
        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/subscriptions/" + other.id() + "/alerts")
                .then().statusCode(200).body("[0].documentId", equalTo(notFollowed.id())));
        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/subscriptions/" + followed.id() + "/alerts")
                .then().statusCode(200).body("[0].documentId", equalTo(missed.id())));

        try (SseClient resumed = SseClient.connect(following(followed), lastEventId)) {
            SseClient.Event ready = awaitReady(resumed);
            assertEquals(lastEventId, ready.id(), "the stream goes on where the client left off");
            SseClient.Event event = resumed.next(TIMEOUT);
            assertEquals(List.of(AlertRaised.idFor(followed.id(), missed.id())), alertIds(List.of(event)));
            assertNotEquals(lastEventId, event.id());

            publish(mapper, after);

            List<SseClient.Event> rest = new ArrayList<>(List.of(resumed.next(TIMEOUT)));
            rest.addAll(resumed.during(QUIET_PERIOD));
            assertEquals(List.of(AlertRaised.idFor(followed.id(), after.id())), alertIds(rest));
        }
    }

    @Test
    void aStreamNeedsKnownSubscriptionsAndAStreamPosition() {
        given().when().get("/alerts/stream")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("subscription", "no-such-subscription").when().get("/alerts/stream")
                .then().statusCode(404).contentType("application/problem+json");
        String known = subscribe(Map.of("name", "known", "query", uniqueWord())).id();
        given().queryParam("subscription", known).header("Last-Event-ID", "not a position")
                .when().get("/alerts/stream")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
