package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.testing.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no broker to acknowledge, nothing is accepted: the client hears 503 and a retry starts afresh. */
@QuarkusTest
@TestProfile(BrokerOutageTest.NoBroker.class)
class BrokerOutageTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "localhost:" + TestKafka.freePort(),
                    "policywatch.ingest.publish-timeout", "PT2S");
        }
    }

    @Test
    void anUploadKafkaDoesNotAcknowledgeIsUnavailableAndNotRecorded() {
        byte[] bytes = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        String id = DocumentIds.of(bytes);

        refused(given().multiPart("file", "sco.txt", bytes, "text/plain").post("/documents"), 503, "not-durable");
        // Not "known": the retry is tried again rather than answered as a duplicate.
        refused(given().multiPart("file", "sco.txt", bytes, "text/plain").post("/documents"), 503, "not-durable");
        given().get("/documents/" + id).then().statusCode(404);
    }

    @Test
    void readinessIsDownWithoutKafka() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
