package io.policywatch.notify.digest;

import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.notify.WebhookReceivingTest;
import io.policywatch.notify.delivery.PendingDeliveryTestResource;
import io.policywatch.notify.email.SmtpServerTestResource;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Digest subscriptions get one message per period and destination (the test's "hourly" period is 4 s). */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(SmtpServerTestResource.class)
@WithTestResource(PendingDeliveryTestResource.class)
class DigestTest extends WebhookReceivingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PERIOD = Duration.ofSeconds(4);

    @Inject
    ObjectMapper mapper;

    @Test
    void anHourlyDigestListsThePeriodsAlertsOnceByWebhookAndByMail() throws Exception {
        String word = uniqueWord();
        String path = "/hooks/digest/" + word;
        String address = "digest-" + word + "@example.org";
        Created subscription = subscribeWebhook("digest", word, path, Map.of("digest", "hourly", "email", address));
        given().when().get("/subscriptions/" + subscription.id()).then().statusCode(200).body("digest", equalTo("hourly"));
        DocumentClassified first = sanctionsDocument(word, "First " + word);
        DocumentClassified second = sanctionsDocument(word + " again", "Second " + word);
        Set<String> alertIds = Set.of(AlertRaised.idFor(subscription.id(), first.id()),
                AlertRaised.idFor(subscription.id(), second.id()));

        publish(mapper, first);
        publish(mapper, second);

        // The two alerts may fall into one period or two: together the digests carry each exactly once.
        await().atMost(TIMEOUT).until(() -> digestedAlerts(receiver.requests(path)).size() == 2);
        List<WebhookReceiver.Request> digests = receiver.requests(path);
        assertEquals(alertIds, new HashSet<>(digestedAlerts(digests)));
        for (WebhookReceiver.Request digest : digests) {
            JsonNode body = mapper.readTree(digest.body());
            assertEquals("alert.digest", body.path("type").asText());
            assertEquals("hourly", body.path("data").path("frequency").asText());
            Instant start = Instant.parse(body.path("data").path("periodStart").asText());
            Instant end = Instant.parse(body.path("data").path("periodEnd").asText());
            assertEquals(PERIOD, Duration.between(start, end));
            assertTrue(digest.header("webhook-id").startsWith("digest-"), digest.header("webhook-id"));
            digest.assertSignedWith(subscription.secret());
        }
        List<MimeMessage> mails = await().atMost(TIMEOUT)
                .until(() -> SmtpServerTestResource.received(address), received -> received.size() == digests.size());
        for (MimeMessage mail : mails) {
            assertTrue(mail.getSubject().startsWith("[PolicyWatch] digest: "), mail.getSubject());
        }
        String allMail = String.join("\n", mails.stream().map(DigestTest::text).toList());
        assertTrue(allMail.contains("Hourly digest, "), allMail);
        assertTrue(allMail.contains("First " + word) && allMail.contains("Second " + word), allMail);

        // Later periods have nothing new: nothing more is sent.
        Thread.sleep(PERIOD.multipliedBy(2).toMillis());
        assertEquals(digests.size(), receiver.requests(path).size());
        assertEquals(mails.size(), SmtpServerTestResource.received(address).size());
    }

    @Test
    void anUnknownDigestFrequencyIsRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "weekly", "query", "sanctions", "digest", "weekly"))
                .when().post("/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("digest 'weekly' is not one of immediate, hourly, daily"));
    }

    private List<String> digestedAlerts(List<WebhookReceiver.Request> digests) throws Exception {
        List<String> ids = new ArrayList<>();
        for (WebhookReceiver.Request digest : digests) {
            mapper.readTree(digest.body()).path("data").path("alerts").forEach(alert -> ids.add(alert.path("id").asText()));
        }
        return ids;
    }

    private static String text(MimeMessage mail) {
        try {
            return SmtpServerTestResource.parts(mail).get("text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
