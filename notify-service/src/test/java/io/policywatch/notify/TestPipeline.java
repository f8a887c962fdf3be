package io.policywatch.notify;

import static io.policywatch.notify.TestDocuments.classified;
import static io.policywatch.notify.TestDocuments.sentence;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Stance;
import io.policywatch.events.Topics;
import io.policywatch.testing.TopicWriter;
import io.policywatch.testing.WebhookReceiver;
import io.restassured.http.ContentType;

/** What the delivery tests do to the running service: subscribe, publish classified documents, check signatures. */
public final class TestPipeline {

    public record Created(String id, String secret) {
    }

    /** A word no other test's document or query contains, so tests sharing the broker do not cross. */
    public static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static Created subscribe(Map<String, Object> body) {
        var response = given().contentType(ContentType.JSON).body(body)
                .when().post("/subscriptions")
                .then().statusCode(201)
                .extract();
        return new Created(response.path("id"), response.path("webhook.secret"));
    }

    /** Puts the document on documents.classified, as classify-service would. */
    public static void publish(ObjectMapper mapper, DocumentClassified document) throws Exception {
        TopicWriter.send(Topics.DOCUMENTS_CLASSIFIED, document.id(), mapper.writeValueAsString(document),
                TopicWriter.cloudEventHeaders(UUID.randomUUID().toString(), EventTypes.DOCUMENT_CLASSIFIED));
    }

    /** A two-sentence statement whose second sentence opposes sanctions against {@code word}. */
    public static DocumentClassified sanctionsDocument(String word, String title) {
        return classified(title, Map.of("peace-conflict", 0.8),
                sentence("The council met in " + word + " on Monday.", Stance.NEUTRAL),
                sentence("We oppose unilateral sanctions against " + word + ".", Stance.OPPOSE, "peace-conflict"));
    }

    /** Verifies a Standard Webhooks signature independently of the service's own code. */
    public static void assertSignedWith(String secret, WebhookReceiver.Request request) throws Exception {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        assertTrue(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()) < 300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.header("webhook-signature"));
    }

    private TestPipeline() {
    }
}
