package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every file of the hostile corpus (src/test/resources/hostile/, made by {@link HostileCorpusGenerator}) is refused
 * with the status, problem type and reason its line in hostile/expected.csv names, and the service is still
 * ready after all of them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

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

    private static byte[] corpusFile(String name) throws IOException {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no hostile corpus file " + name);
            }
            return in.readAllBytes();
        }
    }
}
