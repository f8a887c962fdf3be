package io.policywatch.notify.delivery;

import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.notify.WebhookReceivingTest;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Retries, give-ups and replays of webhook deliveries, against a real receiver (test schedule: 1 s, 1 s). */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class WebhookRetryTest extends WebhookReceivingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;

    private static void awaitStatus(String subscriptionId, String status, int attempts) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200)
                .body("$", hasSize(1), "[0].status", equalTo(status), "[0].attempts", hasSize(attempts)));
    }

    @Test
    void aFailedDeliveryIsReplayedWithTheSameWebhookIdOneByOneOrAllFailedSinceATime() throws Exception {
        String word = uniqueWord();
        String path = "/flaky/" + word;
        Created subscription = subscribeWebhook("flaky", word, path);
        DocumentClassified document = sanctionsDocument(word, "Flaky " + word);
        String deliveries = "/subscriptions/" + subscription.id() + "/deliveries";
        Instant before = Instant.now();

        publish(mapper, document);
        awaitStatus(subscription.id(), "FAILED", 3);
        String deliveryId = AlertRaised.idFor(subscription.id(), document.id());

        // Replayed while the endpoint still fails: a new round of the schedule, and failed again.
        given().when().post(deliveries + "/" + deliveryId + "/replay")
                .then().statusCode(202).body("id", equalTo(deliveryId), "status", equalTo("PENDING"));
        awaitStatus(subscription.id(), "FAILED", 6);

        receiver.heal();
        given().queryParam("failedSince", before.toString()).when().post(deliveries + "/replay")
                .then().statusCode(202).body("id", contains(deliveryId));
        awaitStatus(subscription.id(), "DELIVERED", 7);

        List<WebhookReceiver.Request> requests = receiver.requests(path);
        assertEquals(7, requests.size());
        assertTrue(requests.stream().allMatch(request -> deliveryId.equals(request.header("webhook-id"))));
        requests.get(6).assertSignedWith(subscription.secret());
        given().when().get(deliveries + "/" + deliveryId)
                .then().statusCode(200).body("attempts.number", contains(1, 2, 3, 4, 5, 6, 7),
                        "attempts[6].status", equalTo(204));
        given().when().post(deliveries + "/" + deliveryId + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("only failed deliveries are replayed"));
        given().when().post(deliveries + "/replay")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().post(deliveries + "/no-such-delivery/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRetryAfterSoonerThanTheScheduleIsHonoured() throws Exception {
        String word = uniqueWord();
        String path = "/busy-now/" + word;
        Created subscription = subscribeWebhook("busy now", word, path);

        publish(mapper, sanctionsDocument(word, "Busy now"));

        awaitStatus(subscription.id(), "DELIVERED", 2);
        List<WebhookReceiver.Request> attempts = receiver.requests(path);
        Duration pause = Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt());
        assertTrue(pause.compareTo(Duration.ofMillis(800)) < 0, "retried after " + pause + ", not Retry-After 0");
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        String word = uniqueWord();
        String path = "/refuse/" + word;
        Created subscription = subscribeWebhook("refusing", word, path);

        publish(mapper, sanctionsDocument(word, "Refused"));

        awaitStatus(subscription.id(), "FAILED", 1);
        given().when().get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().body("[0].attempts[0].status", equalTo(400),
                        "[0].attempts[0].error", equalTo("HTTP 400; not retried"));
        Thread.sleep(1500);
        assertEquals(1, receiver.requests(path).size());
    }
}
