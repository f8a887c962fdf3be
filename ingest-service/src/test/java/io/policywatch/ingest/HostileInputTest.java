package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import io.policywatch.events.DocumentIds;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every file of the hostile corpus (src/test/resources/hostile/, made by {@link HostileCorpusGenerator}) is refused
 * with the status, problem type and reason its line in hostile/expected.csv names, by parser workers of a small
 * heap, and the service is still ready after all of them; a document that exhausts a worker's memory costs that
 * worker only.
 */
@QuarkusTest
@TestProfile(HostileInputTest.SmallParserHeap.class)
@WithTestResource(KafkaBrokerTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final String MEMORY_HUNGRY = "memory-hungry.docx";
    private static final String HEAP = "64M";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Enough for every other file of the corpus, not for memory-hungry.docx (which needs several hundred MB). */
    public static class SmallParserHeap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policywatch.ingest.parser-heap", HEAP);
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvFileSource(resources = "/hostile/expected.csv", numLinesToSkip = 1)
    void aHostileOrBrokenFileIsRefusedWithItsReason(String file, int status, String problem, String detail)
            throws IOException {
        refused(given().multiPart("file", file, corpusFile(file)).post("/documents"), status, problem)
                .body("detail", containsString(detail));
    }

    @Order(2)
    @Test
    void theServiceIsStillReadyAfterTheWholeCorpus() {
        given().get("/q/health/ready").then().statusCode(200);
        byte[] fine = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        given().multiPart("file", "draft.txt", fine, "text/plain").post("/documents").then().statusCode(201);
    }

    @Order(3)
    @Test
    void aParseThatExhaustsItsWorkersMemoryIsRecordedAsAFailureAndTheNextUploadIsPublished() throws IOException {
        byte[] hungry = corpusFile(MEMORY_HUNGRY);
        String id = DocumentIds.of(hungry);
        // Uploaded in the corpus too: the answer and the failure record are the same for the same bytes.
        refused(given().multiPart("file", MEMORY_HUNGRY, hungry).post("/documents"), 422, "parser-out-of-memory")
                .body("documentId", equalTo(id))
                .body("detail", containsString("ran out of memory"))
                .body("detail", containsString("64 MiB"));

        given().get("/documents/failures/" + id).then().statusCode(200)
                .body("status", equalTo(422))
                .body("type", equalTo("https://policywatch.io/problems/parser-out-of-memory"))
                .body("reason", containsString("ran out of memory"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'document-parsing' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'document-parsing' }.data.replacedWorkers", greaterThanOrEqualTo(2));

        byte[] fine = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        String fineId = DocumentIds.of(fine);
        given().multiPart("file", "sco.txt", fine, "text/plain").post("/documents").then().statusCode(201);
        TopicReader.awaitRecord(Topics.DOCUMENTS_EXTRACTED, record -> fineId.equals(record.key()), WAIT);
    }

    private static byte[] corpusFile(String name) throws IOException {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no hostile corpus file " + name);
            }
            return in.readAllBytes();
        }
    }
}
