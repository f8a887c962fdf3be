package io.policywatch.notify.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Topics;
import io.policywatch.notify.email.SmtpServerTestResource;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.policywatch.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service started on what an earlier run left on Kafka ({@link PendingDeliveryTestResource}): pending deliveries,
 * digests sent, due or missed, deliveries past their retention.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(SmtpServerTestResource.class)
@WithTestResource(PendingDeliveryTestResource.class)
class DeliveryAfterRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;

    @Test
    void aDeliveryPendingBeforeTheRestartIsMadeOnceWithItsWebhookIdAndItsEarlierAttemptsKept() throws Exception {
        WebhookReceiver receiver = PendingDeliveryTestResource.receiver();
        AlertRaised alert = PendingDeliveryTestResource.alert();
        String subscriptionId = PendingDeliveryTestResource.subscription().id();

        WebhookReceiver.Request request = receiver.awaitRequest(PendingDeliveryTestResource.PATH, TIMEOUT);

        assertEquals(alert.id(), request.header("webhook-id"));
        request.assertSignedWith(PendingDeliveryTestResource.subscription().webhook().secret());
        JsonNode body = mapper.readTree(request.body());
        assertEquals("alert.raised", body.path("type").asText());
        assertEquals(alert.documentId(), body.path("data").path("documentId").asText());
        assertEquals("We oppose <mark>sanctions</mark>.",
                body.path("data").path("passages").get(0).path("highlighted").asText());
        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200)
                .body("id", contains(alert.id()), "[0].status", equalTo("DELIVERED"),
                        "[0].attempts.number", contains(1, 2), "[0].attempts.status", contains(503, 204)));
        // The alert itself was read again by the alerts consumer too: still one delivery, one request.
        Thread.sleep(2000);
        List<WebhookReceiver.Request> all = receiver.requests(PendingDeliveryTestResource.PATH);
        assertEquals(1, all.size());
    }

    @Test
    void aDigestSentBeforeTheRestartIsNotSentAgainWhileOneStillDueIsSent() throws Exception {
        WebhookReceiver receiver = PendingDeliveryTestResource.receiver();

        WebhookReceiver.Request due = receiver.awaitRequest(PendingDeliveryTestResource.DIGEST_DUE_PATH, TIMEOUT);

        assertEquals(PendingDeliveryTestResource.dueDigestId(), due.header("webhook-id"));
        JsonNode data = mapper.readTree(due.body()).path("data");
        assertEquals("daily", data.path("frequency").asText());
        assertEquals(1, data.path("alerts").size());
        // The scheduler looks every half second (the test's shortest period is 4 s): it had its chances.
        Thread.sleep(2000);
        assertEquals(List.of(), receiver.requests(PendingDeliveryTestResource.DIGEST_SENT_PATH));
        assertEquals(1, receiver.requests(PendingDeliveryTestResource.DIGEST_DUE_PATH).size());
    }

    @Test
    void aDigestPeriodThatEndedWhileNoInstanceRanIsSentOnceAtStartUpAndOlderOnesBeyondTheCatchUpAreNot()
            throws Exception {
        WebhookReceiver receiver = PendingDeliveryTestResource.receiver();
        AlertRaised missed = PendingDeliveryTestResource.missedAlert();

        WebhookReceiver.Request digest = receiver.awaitRequest(PendingDeliveryTestResource.DIGEST_MISSED_PATH,
                TIMEOUT);

        assertEquals(PendingDeliveryTestResource.missedDigestId(), digest.header("webhook-id"));
        JsonNode data = mapper.readTree(digest.body()).path("data");
        assertEquals("hourly", data.path("frequency").asText());
        assertEquals(List.of(missed.id()), ids(data.path("alerts")));
        // The scheduler looks every half second: it had its chances to send the missed period again, or the old one.
        Thread.sleep(2000);
        assertEquals(1, receiver.requests(PendingDeliveryTestResource.DIGEST_MISSED_PATH).size());
    }

    @Test
    void finishedDeliveriesOlderThanTheRetentionAreDeletedWithATombstoneAndNoLongerListed() {
        String subscriptionId = PendingDeliveryTestResource.retained().id();
        List<String> expired = PendingDeliveryTestResource.expiredDeliveryIds();

        for (String id : expired) {
            TopicReader.awaitRecord(Topics.DELIVERIES, record -> id.equals(record.key()) && record.value() == null,
                    TIMEOUT);
        }

        given().when().get("/subscriptions/" + subscriptionId + "/deliveries")
                .then().statusCode(200)
                .body("id", containsInAnyOrder(PendingDeliveryTestResource.keptDeliveryIds().toArray()));
        given().when().get("/subscriptions/" + subscriptionId + "/deliveries/" + expired.get(0))
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static List<String> ids(JsonNode alerts) {
        List<String> ids = new ArrayList<>();
        alerts.forEach(alert -> ids.add(alert.path("id").asText()));
        return ids;
    }
}
