package io.policywatch.notify.email;

import static io.policywatch.notify.TestPipeline.publish;
import static io.policywatch.notify.TestPipeline.sanctionsDocument;
import static io.policywatch.notify.TestPipeline.subscribe;
import static io.policywatch.notify.TestPipeline.uniqueWord;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.notify.delivery.PendingDeliveryTestResource;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Alerts mailed over SMTP, as a real SMTP server (GreenMail) received them. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(SmtpServerTestResource.class)
@WithTestResource(PendingDeliveryTestResource.class)
class EmailDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;

    @Test
    void anAlertIsMailedAsPlainTextAndHtmlWithItsMarkedPassages() throws Exception {
        String word = uniqueWord();
        String address = "analyst-" + word + "@example.org";
        Created subscription = subscribe(Map.of("name", "sanctions by mail", "query", "sanction* AND " + word,
                "email", address));
        DocumentClassified document = sanctionsDocument(word, "Statement " + word);

        publish(mapper, document);

        MimeMessage mail = await().atMost(TIMEOUT)
                .until(() -> SmtpServerTestResource.received(address), mails -> !mails.isEmpty()).get(0);
        assertEquals("[PolicyWatch] sanctions by mail: Statement " + word, mail.getSubject());
        Map<String, String> parts = SmtpServerTestResource.parts(mail);
        String text = parts.get("text/plain");
        String html = parts.get("text/html");
        assertTrue(text.contains("We oppose unilateral *sanctions* against *" + word + "*. (peace-conflict; oppose)"),
                text);
        assertTrue(text.contains("http://localhost:8081/documents/" + document.id()), text);
        assertTrue(html.contains("We oppose unilateral <mark>sanctions</mark> against <mark>" + word + "</mark>."),
                html);
        assertTrue(html.contains("<a href=\"http://localhost:8081/documents/" + document.id() + "\">Statement " + word
                + "</a>"), html);
        String alertId = AlertRaised.idFor(subscription.id(), document.id());
        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + subscription.id() + "/deliveries")
                .then().statusCode(200)
                .body("[0].id", equalTo("email-" + alertId), "[0].channel", equalTo("EMAIL"),
                        "[0].status", equalTo("DELIVERED"), "[0].attempts[0].target", equalTo(address)));
        Thread.sleep(1500);
        assertEquals(1, SmtpServerTestResource.received(address).size());
    }

    @Test
    void aPermanentSmtpRefusalFailsTheDeliveryAtOnceWithTheServersReplyWhileATemporaryOneIsRetried() throws Exception {
        String word = uniqueWord();
        Created refused = subscribe(Map.of("name", "refused mailbox", "query", word,
                "email", RefusingSmtpRelay.REFUSED + word + "@example.org"));
        Created busy = subscribe(Map.of("name", "busy mailbox", "query", word,
                "email", RefusingSmtpRelay.BUSY + word + "@example.org"));

        publish(mapper, sanctionsDocument(word, "Refused " + word));

        // The test retry schedule is 1s,1s: the temporary refusal is tried three times, then given up.
        await().atMost(TIMEOUT).untilAsserted(() -> given().when()
                .get("/subscriptions/" + busy.id() + "/deliveries")
                .then().statusCode(200)
                .body("[0].status", equalTo("FAILED"), "[0].attempts", hasSize(3),
                        "[0].attempts[0].error", containsString("450 4.2.1"),
                        "[0].attempts[2].error", containsString("retries used up")));
        given().when().get("/subscriptions/" + refused.id() + "/deliveries")
                .then().statusCode(200)
                .body("[0].channel", equalTo("EMAIL"), "[0].status", equalTo("FAILED"), "[0].nextAttemptAt", nullValue(),
                        "[0].attempts", hasSize(1),
                        "[0].attempts[0].target", equalTo(RefusingSmtpRelay.REFUSED + word + "@example.org"),
                        "[0].attempts[0].error", containsString("550 5.1.1"),
                        "[0].attempts[0].error", containsString("mailbox unavailable"),
                        "[0].attempts[0].error", containsString("not retried"));
    }
}
