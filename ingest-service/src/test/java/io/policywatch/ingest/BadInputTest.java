package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.policywatch.support.problem.Problem;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every kind of bad upload gets its status and a problem JSON with the reason, never a 500. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class BadInputTest {

    @Test
    void aFormWithoutAFilePartIsABadRequest() {
        refused(given().multiPart("title", "no file here").post("/documents"), 400, "missing-file")
                .body("detail", containsString("'file'"));
    }

    @Test
    void anEmptyFileIsABadRequest() {
        refused(given().multiPart("file", "empty.txt", new byte[0], "text/plain").post("/documents"), 400,
                "empty-upload");
        refused(given().contentType("text/plain").body(new byte[0]).post("/documents"), 400, "empty-upload");
    }

    @Test
    void bytesOfNoKnownFormatAreUnsupported() {
        refused(given().contentType("application/pdf").body(Fixtures.garbage()).post("/documents"), 415,
                "unsupported-type")
                .body("detail", containsString("application/octet-stream"));
    }

    @Test
    void anImageOfAKindScannersDoNotMakeIsUnsupported() {
        refused(given().multiPart("file", "animation.gif", Fixtures.gif(), "image/gif").post("/documents"), 415,
                "unsupported-type")
                .body("detail", containsString("image/gif"));
    }

    @Test
    void anArchiveIsUnsupported() {
        refused(given().multiPart("file", "bundle.zip", Fixtures.zip(Fixtures.marker()), "application/zip")
                .post("/documents"), 415, "unsupported-type")
                .body("detail", containsString("application/zip"));
    }

    @Test
    void aDocumentWithoutTextIsUnprocessable() {
        byte[] blank = (" \n\t\n    \n" + " ".repeat(Fixtures.marker().length())).getBytes(StandardCharsets.UTF_8);
        refused(given().multiPart("file", "blank.txt", blank, "text/plain").post("/documents"), 422, "no-text");
        byte[] imageOnly = ("<html><body><img src=\"scan-" + Fixtures.marker() + ".png\"></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        refused(given().multiPart("file", "image.html", imageOnly, "text/html").post("/documents"), 422, "no-text");
    }

    @Test
    void aCorruptPdfIsUnprocessableWithTheParsersReason() {
        byte[] corrupt = ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n" + Fixtures.marker())
                .getBytes(StandardCharsets.US_ASCII);
        refused(given().multiPart("file", "broken.pdf", corrupt, "application/pdf").post("/documents"), 422,
                "unreadable-document")
                .body("detail", containsString("application/pdf"));
    }

    @Test
    void aPublicationDateThatIsNoDateIsABadRequest() {
        byte[] bytes = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        refused(given().multiPart("file", "draft.txt", bytes, "text/plain").multiPart("publishedAt", "last Tuesday")
                .post("/documents"), 400, "bad-parameter")
                .body("detail", containsString("publishedAt"));
    }

    static ValidatableResponse refused(io.restassured.response.Response response, int status, String problem) {
        return response.then()
                .log().ifValidationFails()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("type", equalTo("https://policywatch.io/problems/" + problem))
                .body("detail", not(emptyOrNullString()));
    }
}
