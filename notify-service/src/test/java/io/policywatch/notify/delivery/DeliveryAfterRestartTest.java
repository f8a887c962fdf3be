package io.policywatch.notify.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.notify.TestPipeline;
import io.policywatch.notify.email.SmtpServerTestResource;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A delivery left pending on the deliveries topic by an earlier run is made after start-up, with its webhook-id. */
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

        await().atMost(TIMEOUT).until(() -> !receiver.requests(PendingDeliveryTestResource.PATH).isEmpty());

        WebhookReceiver.Request request = receiver.requests(PendingDeliveryTestResource.PATH).get(0);
        assertEquals(alert.id(), request.header("webhook-id"));
        TestPipeline.assertSignedWith(PendingDeliveryTestResource.subscription().webhook().secret(), request);
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

        WebhookReceiver.Request due = await().atMost(TIMEOUT)
                .until(() -> receiver.requests(PendingDeliveryTestResource.DIGEST_DUE_PATH), r -> !r.isEmpty()).get(0);

        assertEquals(PendingDeliveryTestResource.dueDigestId(), due.header("webhook-id"));
        JsonNode data = mapper.readTree(due.body()).path("data");
        assertEquals("daily", data.path("frequency").asText());
        assertEquals(1, data.path("alerts").size());
        // The scheduler looks every half second (the test's shortest period is 4 s): it had its chances.
        Thread.sleep(2000);
        assertEquals(List.of(), receiver.requests(PendingDeliveryTestResource.DIGEST_SENT_PATH));
        assertEquals(1, receiver.requests(PendingDeliveryTestResource.DIGEST_DUE_PATH).size());
    }
}
