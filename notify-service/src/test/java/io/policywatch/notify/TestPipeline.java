package io.policywatch.notify;

import static io.policywatch.notify.TestDocuments.classified;
import static io.policywatch.notify.TestDocuments.sentence;
import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Stance;
import io.policywatch.events.Topics;
import io.policywatch.testing.TopicWriter;
import io.restassured.http.ContentType;

/** What the delivery tests do to the running service: subscribe, publish classified documents. */
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

    private TestPipeline() {
    }
}
