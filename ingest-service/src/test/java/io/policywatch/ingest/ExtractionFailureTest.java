package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A document refused for its content is recorded with the reason, under the id its 422 answer names. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ExtractionFailureTest {

    @Test
    void aFailedExtractionIsRecordedWithItsReasonAndCanBeQueried() {
        byte[] corrupt = ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n" + Fixtures.marker() + "\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        String id = DocumentIds.of(corrupt);

        String reason = refused(given().multiPart("file", "broken.pdf", corrupt, "application/pdf")
                .multiPart("source", "https://example.org/broken.pdf").post("/documents"), 422, "unreadable-document")
                .body("documentId", equalTo(id))
                .extract().path("detail");

        given().get("/documents/failures/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("filename", equalTo("broken.pdf"))
                .body("source", equalTo("https://example.org/broken.pdf"))
                .body("sizeBytes", equalTo(corrupt.length))
                .body("status", equalTo(422))
                .body("type", equalTo("https://policywatch.io/problems/unreadable-document"))
                .body("reason", equalTo(reason));
        given().get("/documents/failures").then().statusCode(200)
                .body("id", hasItem(id));
        given().get("/documents/" + id).then().statusCode(404)
                .body("detail", containsString("extraction failed"))
                .body("detail", containsString("/documents/failures/" + id));
    }

    @Test
    void aRefusalThatSaysNothingAboutTheDocumentIsNotRecorded() {
        byte[] zip = Fixtures.zip(Fixtures.marker());
        refused(given().multiPart("file", "bundle.bin", zip, "application/octet-stream").post("/documents"), 415,
                "unsupported-type")
                .body("documentId", nullValue());
        given().get("/documents/failures/" + DocumentIds.of(zip)).then().statusCode(404);
    }

    @Test
    void anUnknownFailureIsNotFoundAndABadLimitIsABadRequest() {
        given().get("/documents/failures/" + DocumentIds.of(Fixtures.marker().getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(404);
        refused(given().queryParam("limit", 0).get("/documents/failures"), 400, "bad-parameter");
    }
}
