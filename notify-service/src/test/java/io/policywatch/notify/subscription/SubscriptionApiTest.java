package io.policywatch.notify.subscription;

import static io.policywatch.notify.TestPipeline.subscribe;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Stance;
import io.policywatch.events.Subscription;
import io.policywatch.events.Topics;
import io.policywatch.notify.TestDocuments;
import io.policywatch.notify.delivery.StandardWebhooks;
import io.policywatch.notify.matching.StoredQueryIndex;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TestKafka;
import io.policywatch.testing.TopicReader;
import io.policywatch.testing.TopicReader.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class SubscriptionApiTest {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;

    @Test
    void creatingASubscriptionPublishesItOnTheCompactedTopicAndAnswersWithAGeneratedSecret() throws Exception {
        String name = "space watch " + UUID.randomUUID();
        var created = given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "query", "\"weaponization of outer space\" OR PPWT",
                        "domains", List.of("outer-space"), "stance", "Oppose", "minScore", 0.5,
                        "webhook", Map.of("url", "http://127.0.0.1:9/hook")))
                .when().post("/subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/subscriptions/"))
                .body("name", equalTo(name), "stance", equalTo("oppose"), "paused", equalTo(false),
                        "webhook.secret", startsWith(StandardWebhooks.SECRET_PREFIX))
                .extract();
        String id = created.path("id");
        String secret = created.path("webhook.secret");
        assertTrue(created.header("Location").endsWith("/subscriptions/" + id));
        assertNull(StandardWebhooks.secretProblem(secret));

        Received record = TopicReader.awaitRecord(Topics.SUBSCRIPTIONS, r -> id.equals(r.key()), KAFKA_TIMEOUT);
        Subscription stored = mapper.readValue(record.value(), Subscription.class);
        assertEquals(name, stored.name());
        assertEquals(Stance.OPPOSE, stored.stance());
        assertEquals(List.of("outer-space"), stored.domains());
        assertEquals(secret, stored.webhook().secret());
        assertEquals(EventTypes.SUBSCRIPTION_CHANGED, record.headers().get("ce_type"));

        given().when().get("/subscriptions/" + id)
                .then().statusCode(200)
                .body("query", equalTo("\"weaponization of outer space\" OR PPWT"),
                        "webhook.url", equalTo("http://127.0.0.1:9/hook"),
                        "webhook.secret", equalTo(StandardWebhooks.MASKED_SECRET));
        given().when().get("/subscriptions")
                .then().statusCode(200)
                .body("id", hasItem(id), "webhook.secret", not(hasItem(secret)));
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedWithTheParsersReason() {
        given().contentType(ContentType.JSON).body(Map.of("name", "broken", "query", "space AND (treaty"))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400), "detail", containsString("query does not parse"),
                        "detail", containsString("column"));
    }

    @Test
    void anUnknownStanceIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("name", "n", "query", "space", "stance", "against"))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("stance 'against' is not one of support, oppose, neutral"));
    }

    @Test
    void aMissingNameIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("query", "space"))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("name is required"));
    }

    @Test
    void everyProblemOfARequestIsNamedAtOnce() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "query", "space", "minScore", 1.5, "domains", List.of("Outer Space"),
                        "webhook", Map.of("url", "ftp://example.org/x", "secret", "hunter2")))
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("minScore must be between 0 and 1"),
                        "detail", containsString("domain 'Outer Space'"),
                        "detail", containsString("absolute http or https URL"),
                        "detail", containsString("webhook.secret must start with 'whsec_'"));
    }

    @Test
    void deletingWritesATombstoneAndTheSubscriptionIsGone() {
        String id = subscribe(Map.of("name", "short-lived", "query", "treaty")).id();

        given().when().delete("/subscriptions/" + id).then().statusCode(204);

        Received tombstone = TopicReader.awaitRecord(Topics.SUBSCRIPTIONS,
                r -> id.equals(r.key()) && r.value() == null, KAFKA_TIMEOUT);
        assertNull(tombstone.value());
        given().when().get("/subscriptions/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", endsWith(id));
        given().when().delete("/subscriptions/" + id).then().statusCode(404);
        given().when().get("/subscriptions/" + id + "/alerts").then().statusCode(404);
    }

    @Test
    void aFreshStoreRebuildsTheSubscriptionsFromKafka() throws Exception {
        String kept = subscribe(Map.of("name", "kept", "query", "\"arms race\"~3", "stance", "support")).id();
        String deleted = subscribe(Map.of("name", "deleted", "query", "treaty")).id();
        given().when().delete("/subscriptions/" + deleted).then().statusCode(204);

        try (SubscriptionStore restarted = new SubscriptionStore(TestKafka.bootstrapServers(), mapper)) {
            restarted.start();
            assertTrue(restarted.awaitLoaded(KAFKA_TIMEOUT));

            Subscription rebuilt = restarted.find(kept).orElseThrow();
            assertEquals("\"arms race\"~3", rebuilt.query());
            assertEquals(Stance.SUPPORT, rebuilt.stance());
            assertTrue(restarted.find(deleted).isEmpty());
            DocumentClassified document = TestDocuments.classified("race", Map.of(),
                    TestDocuments.sentence("A treaty would stop the arms race in space.", Stance.SUPPORT));
            List<String> fired = restarted.match(document.document().text(), document.classification(), id -> true)
                    .stream().map(StoredQueryIndex.Fired::id).toList();
            assertTrue(fired.contains(kept));
            assertFalse(fired.contains(deleted));
        }
    }

    @Test
    void theServiceIsReadyOnceItsStateIsLoaded() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"), "checks.find { it.name == 'notify-state' }.data.'alerts-loaded'",
                        equalTo(true));
    }

    @Test
    void replacingASubscriptionValidatesLikeCreationAndKeepsTheSecretUnlessANewOneIsGiven() throws Exception {
        var created = given().contentType(ContentType.JSON)
                .body(Map.of("name", "before", "query", "treaty", "webhook", Map.of("url", "http://127.0.0.1:9/a")))
                .when().post("/subscriptions")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String secret = created.path("webhook.secret");
        String createdAt = created.path("createdAt");

        String renamed = "after " + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", renamed, "query", "\"arms race\"", "stance", "support",
                        "webhook", Map.of("url", "http://127.0.0.1:9/b")))
                .when().put("/subscriptions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id), "name", equalTo(renamed), "createdAt", equalTo(createdAt),
                        "webhook.url", equalTo("http://127.0.0.1:9/b"),
                        "webhook.secret", equalTo(StandardWebhooks.MASKED_SECRET));
        Subscription stored = mapper.readValue(TopicReader.awaitRecord(Topics.SUBSCRIPTIONS,
                r -> id.equals(r.key()) && r.value() != null && r.value().contains(renamed), KAFKA_TIMEOUT).value(),
                Subscription.class);
        assertEquals(secret, stored.webhook().secret());
        assertEquals(Stance.SUPPORT, stored.stance());
        given().when().get("/subscriptions/" + id)
                .then().statusCode(200).body("query", equalTo("\"arms race\""), "name", equalTo(renamed));

        String newSecret = StandardWebhooks.generateSecret();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", renamed, "query", "treaty",
                        "webhook", Map.of("url", "http://127.0.0.1:9/b", "secret", newSecret)))
                .when().put("/subscriptions/" + id)
                .then().statusCode(200).body("webhook.secret", equalTo(newSecret));

        given().contentType(ContentType.JSON).body(Map.of("name", renamed, "query", "space AND (treaty"))
                .when().put("/subscriptions/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("query does not parse"));
        given().when().get("/subscriptions/" + id).then().statusCode(200).body("query", equalTo("treaty"));
        given().contentType(ContentType.JSON).body(Map.of("name", "n", "query", "treaty"))
                .when().put("/subscriptions/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void pausingAndResumingAreStoredAndAnsweredWithTheNewState() {
        String id = subscribe(Map.of("name", "pausable", "query", "treaty")).id();

        given().when().post("/subscriptions/" + id + "/pause")
                .then().statusCode(200).body("id", equalTo(id), "paused", equalTo(true));
        TopicReader.awaitRecord(Topics.SUBSCRIPTIONS,
                r -> id.equals(r.key()) && r.value() != null && r.value().contains("\"paused\":true"), KAFKA_TIMEOUT);
        given().when().get("/subscriptions/" + id).then().statusCode(200).body("paused", equalTo(true));
        given().when().post("/subscriptions/" + id + "/pause")
                .then().statusCode(200).body("paused", equalTo(true));

        given().when().post("/subscriptions/" + id + "/resume")
                .then().statusCode(200).body("paused", equalTo(false));
        given().when().get("/subscriptions/" + id).then().statusCode(200).body("paused", equalTo(false));

        given().when().post("/subscriptions/" + UUID.randomUUID() + "/pause")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsAProblem() {
        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(nullValue()));
    }
}
