package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Whatever a parser worker's JVM prints on its stdout (diagnostic options an operator adds, a warning a new JDK
 * prints) cannot reach the service's conversation with the worker: uploads are published and no worker is lost.
 */
@QuarkusTest
@TestProfile(ChattyParserJvmTest.StdoutPrintingJvmOptions.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ChattyParserJvmTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Small enough that parsing a large text collects garbage, so the JVM logs during parses, not only at start. */
    private static final String HEAP = "64M";

    /**
     * Options whose output goes to the JVM's stdout: the flags at start, a line per collection and per safepoint
     * during the parses.
     */
    public static class StdoutPrintingJvmOptions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policywatch.ingest.parser-heap", HEAP,
                    "policywatch.ingest.parser-jvm-options",
                    "-XX:+UseSerialGC,-XX:+PrintCommandLineFlags,-Xlog:gc:stdout,-Xlog:safepoint:stdout");
        }
    }

    @Test
    void uploadsArePublishedWhileTheWorkerJvmsPrintOnTheirStdout() {
        for (int upload = 0; upload < 2; upload++) {
            byte[] bytes = largeText();
            String id = DocumentIds.of(bytes);
            given().multiPart("file", "chatty.txt", bytes, "text/plain").post("/documents").then()
                    .log().ifValidationFails()
                    .statusCode(201)
                    .body("id", equalTo(id));
            TopicReader.awaitRecord(Topics.DOCUMENTS_EXTRACTED, record -> id.equals(record.key()), WAIT);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'document-parsing' }.data.replacedWorkers", equalTo(0));
    }

    /** About 1 MB of text, unique to this upload. */
    private static byte[] largeText() {
        String seed = new String(Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker()), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1_000_000) {
            text.append(seed);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
