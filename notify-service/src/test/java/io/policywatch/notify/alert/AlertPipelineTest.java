package io.policywatch.notify.alert;

import static io.policywatch.notify.TestDocuments.classified;
import static io.policywatch.notify.TestDocuments.sentence;
import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Stance;
import io.policywatch.events.Topics;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.notify.WebhookReceivingTest;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TestKafka;
import io.policywatch.testing.TopicReader;
import io.policywatch.testing.TopicReader.Received;
import io.policywatch.testing.TopicWriter;
import io.policywatch.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** From a classified document on Kafka to a signed webhook call, through the running service. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class AlertPipelineTest extends WebhookReceivingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long "nothing more happens" is watched for. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(4);

    @Inject
    ObjectMapper mapper;

    @Test
    void aMatchingDocumentIsDeliveredOnceAsASignedWebhookAndRecordedOnTheAlertsTopic() throws Exception {
        String word = uniqueWord();
        String path = "/hooks/" + word;
        Created subscription = subscribeWebhook("sanctions", "sanction* AND " + word, path,
                Map.of("stance", "oppose"));
        Created paused = subscribeWebhook("paused", word, path + "/paused", Map.of("paused", true));
        DocumentClassified document = sanctionsDocument(word, "Statement " + word);
        String alertId = AlertRaised.idFor(subscription.id(), document.id());

        publish(mapper, document);

        WebhookReceiver.Request delivery = receiver.awaitRequest(path, TIMEOUT);
        assertEquals(alertId, delivery.header("webhook-id"));
        delivery.assertSignedWith(subscription.secret());
        JsonNode body = mapper.readTree(delivery.body());
        assertEquals("alert.raised", body.path("type").asText());
        assertTrue(Math.abs(Instant.parse(body.path("timestamp").asText()).getEpochSecond()
                - Instant.now().getEpochSecond()) < 120);
        JsonNode alert = body.path("data");
        assertEquals(alertId, alert.path("id").asText());
        assertEquals(document.id(), alert.path("documentId").asText());
        assertEquals("Statement " + word, alert.path("documentTitle").asText());
        assertEquals("http://localhost:8081/documents/" + document.id(), alert.path("documentUrl").asText());
        JsonNode passage = alert.path("passages").get(0);
        assertEquals(1, passage.path("sentenceIndex").asInt());
        assertEquals("oppose", passage.path("stance").asText());
        assertEquals("We oppose unilateral <mark>sanctions</mark> against <mark>" + word + "</mark>.",
                passage.path("highlighted").asText());

        Received onTopic = TopicReader.awaitRecord(Topics.ALERTS,
                record -> alertId.equals(record.headers().get("ce_id")), TIMEOUT);
        assertEquals(subscription.id(), onTopic.key());
        assertEquals(EventTypes.ALERT_RAISED, onTopic.headers().get("ce_type"));
        assertEquals("/policywatch/notify-service", onTopic.headers().get("ce_source"));
        assertEquals(document.id(), mapper.readValue(onTopic.value(), AlertRaised.class).documentId());

        given().when().get("/subscriptions/" + subscription.id() + "/alerts")
                .then().statusCode(200)
                .body("id", contains(alertId), "[0].passages[0].domains", contains("peace-conflict"));

        // The same document again (a redelivery, a re-upload) raises nothing; a paused subscription never fires.
        publish(mapper, document);
        Thread.sleep(QUIET_PERIOD.toMillis());
        assertEquals(1, receiver.requests(path).size());
        assertEquals(1, TopicReader.readAll(Topics.ALERTS, TIMEOUT).stream()
                .filter(record -> alertId.equals(record.headers().get("ce_id"))).count());
        assertTrue(receiver.requests(path + "/paused").isEmpty());
        given().when().get("/subscriptions/" + paused.id() + "/alerts")
                .then().statusCode(200).body("$", empty());

        // A rebuilt alert view (a restarted instance) knows the alert was raised.
        try (AlertStore restarted = new AlertStore(TestKafka.bootstrapServers(), mapper)) {
            restarted.start();
            assertTrue(restarted.awaitLoaded(TIMEOUT));
            assertTrue(restarted.isRaised(alertId));
            assertEquals(document.id(), restarted.history(subscription.id()).get(0).documentId());
        }
    }

    @Test
    void matchingFollowsReplacementsPausesAndResumptions() throws Exception {
        String oldWord = uniqueWord();
        String newWord = uniqueWord();
        String path = "/hooks/" + newWord;
        Created subscription = subscribeWebhook("changing", oldWord, path);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "changing", "query", newWord, "webhook", Map.of("url", receiver.url(path))))
                .when().put("/subscriptions/" + subscription.id())
                .then().statusCode(200);
        given().when().post("/subscriptions/" + subscription.id() + "/pause").then().statusCode(200);
        DocumentClassified newWordDocument = sanctionsDocument(newWord, "New word");

        publish(mapper, newWordDocument);
        Thread.sleep(QUIET_PERIOD.toMillis());
        assertTrue(receiver.requests(path).isEmpty(), "a paused subscription fired");

        given().when().post("/subscriptions/" + subscription.id() + "/resume").then().statusCode(200);
        publish(mapper, sanctionsDocument(oldWord, "Old word"));
        publish(mapper, newWordDocument);

        WebhookReceiver.Request delivery = receiver.awaitRequest(path, TIMEOUT);
        assertEquals(AlertRaised.idFor(subscription.id(), newWordDocument.id()), delivery.header("webhook-id"));
        delivery.assertSignedWith(subscription.secret());
        Thread.sleep(QUIET_PERIOD.toMillis());
        assertEquals(1, receiver.requests(path).size(), "the replaced query still fired");
    }

    @Test
    void aDocumentThatDoesNotSatisfyTheFilterRaisesNothing() throws Exception {
        String word = uniqueWord();
        String path = "/hooks/" + word;
        Created subscription = subscribeWebhook("opposed sanctions", "sanction* AND " + word, path,
                Map.of("stance", "oppose"));
        // Mentions sanctions neutrally in one sentence and opposes something else in another.
        DocumentClassified document = classified("Mixed " + word, Map.of("peace-conflict", 0.8),
                sentence("The council discussed sanctions on " + word + ".", Stance.NEUTRAL, "peace-conflict"),
                sentence("We oppose the militarization of the Arctic.", Stance.OPPOSE, "peace-conflict"));

        publish(mapper, document);

        Thread.sleep(QUIET_PERIOD.toMillis());
        assertTrue(receiver.requests(path).isEmpty());
        given().when().get("/subscriptions/" + subscription.id() + "/alerts")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheNextDocumentStillAlerts() throws Exception {
        String word = uniqueWord();
        String path = "/hooks/" + word;
        subscribeWebhook("after garbage", word, path);
        String garbageKey = "garbage-" + word;

        TopicWriter.send(Topics.DOCUMENTS_CLASSIFIED, garbageKey, "{this is not json",
                TopicWriter.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.DOCUMENT_CLASSIFIED));
        TopicWriter.send(Topics.DOCUMENTS_CLASSIFIED, garbageKey + "-empty", "{}",
                TopicWriter.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.DOCUMENT_CLASSIFIED));

        Received dead = TopicReader.awaitRecord(Topics.deadLetter(Topics.DOCUMENTS_CLASSIFIED),
                record -> garbageKey.equals(record.key()), TIMEOUT);
        assertEquals("{this is not json", dead.value());
        TopicReader.awaitRecord(Topics.deadLetter(Topics.DOCUMENTS_CLASSIFIED),
                record -> (garbageKey + "-empty").equals(record.key())
                        && record.headers().getOrDefault("dead-letter-reason", "").contains("not a classified document"),
                TIMEOUT);

        publish(mapper, sanctionsDocument(word, "After garbage"));

        assertEquals("After garbage", mapper.readTree(receiver.awaitRequest(path, TIMEOUT).body()).path("data")
                .path("documentTitle").asText());
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedOnTheScheduleThenRecordedAsFailed() throws Exception {
        String word = uniqueWord();
        String path = "/fail/" + word;
        Created subscription = subscribeWebhook("failing hook", word, path);
        DocumentClassified document = sanctionsDocument(word, "Failing " + word);
        String alertId = AlertRaised.idFor(subscription.id(), document.id());

        publish(mapper, document);

        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().statusCode(200)
                .body("id", contains(alertId), "[0].status", equalTo("FAILED"), "[0].channel", equalTo("WEBHOOK"),
                        "[0].attempts.number", contains(1, 2, 3), "[0].attempts.status", everyItem(equalTo(500)),
                        "[0].attempts.target", everyItem(equalTo(receiver.url(path))),
                        "[0].attempts.attemptedAt", everyItem(notNullValue()),
                        "[0].attempts.durationMs", everyItem(greaterThanOrEqualTo(0)),
                        "[0].attempts[0].nextAttemptAt", notNullValue(), "[0].attempts[2].nextAttemptAt", nullValue(),
                        "[0].attempts[2].error", equalTo("HTTP 500; retries used up")));
        List<WebhookReceiver.Request> attempts = receiver.requests(path);
        assertEquals(3, attempts.size());
        assertTrue(attempts.stream().allMatch(attempt -> alertId.equals(attempt.header("webhook-id"))));
        // The test schedule is 1 s, 1 s with 10 % jitter.
        for (int i = 1; i < attempts.size(); i++) {
            Duration pause = Duration.between(attempts.get(i - 1).receivedAt(), attempts.get(i).receivedAt());
            assertTrue(pause.compareTo(Duration.ofMillis(880)) >= 0, "retried after " + pause);
        }
        given().when().get("/subscriptions/" + subscription.id() + "/alerts")
                .then().statusCode(200).body("[0].id", equalTo(alertId));
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("policywatch_notify_deliveries_total{channel=\"webhook\",outcome=\"failed\"}"));
    }

    @Test
    void aSlowEndpointDoesNotDelayTheDeliveriesToOthers() throws Exception {
        String slowWord = uniqueWord();
        String fastWord = uniqueWord();
        String slowPath = "/slow/" + slowWord;
        String fastPath = "/hooks/" + fastWord;
        subscribeWebhook("slow", slowWord, slowPath);
        subscribeWebhook("fast", fastWord, fastPath);

        publish(mapper, sanctionsDocument(slowWord, "Slow"));
        receiver.awaitRequest(slowPath, TIMEOUT);
        Instant slowStarted = Instant.now();
        publish(mapper, sanctionsDocument(fastWord, "Fast"));

        receiver.awaitRequest(fastPath, TIMEOUT);
        // The slow endpoint still holds its request (it answers only when released): nothing waited for it.
        assertTrue(Duration.between(slowStarted, Instant.now()).compareTo(Duration.ofSeconds(4)) < 0,
                "the fast delivery took " + Duration.between(slowStarted, Instant.now()));
        receiver.releaseSlow();
    }

    @Test
    void retryAfterSetsThePauseBeforeTheNextAttempt() throws Exception {
        String word = uniqueWord();
        String path = "/busy/" + word;
        Created subscription = subscribeWebhook("busy", word, path);

        publish(mapper, sanctionsDocument(word, "Busy"));

        List<WebhookReceiver.Request> attempts = await().atMost(TIMEOUT)
                .until(() -> receiver.requests(path), requests -> requests.size() == 2);
        Duration pause = Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt());
        assertTrue(pause.compareTo(Duration.ofMillis(1900)) >= 0, "retried after " + pause + ", not Retry-After 2 s");
        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().statusCode(200).body("[0].attempts.status", contains(429, 204), "[0].status",
                        equalTo("DELIVERED")));
    }

    @Test
    void anEndpointThatIsGoneIsRemovedFromItsSubscription() throws Exception {
        String word = uniqueWord();
        String path = "/gone/" + word;
        Created subscription = subscribeWebhook("gone", word, path);

        publish(mapper, sanctionsDocument(word, "Gone"));

        await().atMost(TIMEOUT).untilAsserted(() -> given().when().get("/subscriptions/" + subscription.id())
                .then().statusCode(200).body("webhook", nullValue()));
        assertEquals(1, receiver.requests(path).size());
        given().when().get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().statusCode(200).body("[0].attempts.status", contains(410), "[0].status", equalTo("FAILED"));
        given().when().get("/subscriptions/" + UUID.randomUUID() + "/deliveries")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
