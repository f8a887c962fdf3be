package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A parser that never returns (the test-only {@link HangingParser}) costs one upload a 422, not the service: its
 * worker process is killed and replaced, other uploads go on, a full pool answers 503 at once, and however many
 * parses hang the service stays ready.
 */
@QuarkusTest
@TestProfile(HangingParserTest.OneParseThread.class)
@WithTestResource(KafkaBrokerTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HangingParserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class OneParseThread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policywatch.ingest.parse-threads", "1",
                    "policywatch.ingest.parse-queue", "1",
                    // Long enough for a test on a loaded machine to see a parse running before it is killed.
                    "policywatch.ingest.parse-timeout", "8s",
                    // A queued upload waits for a hanging parse to be killed and a new worker JVM to start (seconds,
                    // more on a loaded machine) before its own parse: longer than RestAssured's default 30 s.
                    "quarkus.http.test-timeout", "120s");
        }
    }

    @Order(1)
    @Test
    void aParseThatNeverReturnsHasItsWorkerKilledAndTheNextUploadIsStillServed() {
        int replaced = parsing().get("replacedWorkers");
        CompletableFuture<Response> hanging = uploadAsync(hangingDocument());
        // Started: running, or (on a slow machine, before this test looked) already killed.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Map<String, Integer> parsing = parsing();
                    return parsing.get("runningParses") + parsing.get("replacedWorkers") - replaced == 1;
                });

        byte[] fine = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        given().multiPart("file", "draft.txt", fine, "text/plain").post("/documents").then().statusCode(201);

        refused(hanging.join(), 422, "parse-timeout");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'document-parsing' }.data.replacedWorkers", equalTo(replaced + 1));
    }

    @Order(2)
    @Test
    void withTheWorkerAndQueuePlaceTakenAnUploadIsBusyAndHangingParsesLeaveTheServiceReady() {
        int replaced = parsing().get("replacedWorkers");
        CompletableFuture<Response> running = uploadAsync(hangingDocument());
        awaitParsing("runningParses", 1);
        CompletableFuture<Response> queued = uploadAsync(hangingDocument());
        awaitParsing("queuedParses", 1);

        byte[] fine = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        refused(given().multiPart("file", "sco.txt", fine, "text/plain").post("/documents"), 503, "parser-busy");

        refused(running.join(), 422, "parse-timeout");
        refused(queued.join(), 422, "parse-timeout");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'document-parsing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'document-parsing' }.data.replacedWorkers", equalTo(replaced + 2));
        given().multiPart("file", "sco.txt", fine, "text/plain").post("/documents").then().statusCode(201);
    }

    private static byte[] hangingDocument() {
        return (HangingParser.MAGIC + "\n" + Fixtures.marker()).getBytes(StandardCharsets.US_ASCII);
    }

    private static CompletableFuture<Response> uploadAsync(byte[] bytes) {
        return CompletableFuture.supplyAsync(
                () -> given().multiPart("file", "hang.txt", bytes, "text/plain").post("/documents"));
    }

    private static Map<String, Integer> parsing() {
        return given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'document-parsing' }.data");
    }

    private static void awaitParsing(String count, int value) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'document-parsing' }.data." + count, equalTo(value)));
    }
}
