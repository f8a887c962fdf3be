package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Several documents in one request: each file and each zip entry gets its own outcome. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class BatchUploadTest {

    private static final String PROBLEMS = "https://policywatch.io/problems/";

    @Test
    void eachFileOfAFormGetsItsOwnOutcomeAndABadOneLosesNoOther() {
        byte[] text = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        byte[] corrupt = ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog\n" + Fixtures.marker() + "\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] docx = Fixtures.docx("Strategy on Cyberspace Cooperation", "Reference: " + Fixtures.marker());

        given().multiPart("file", "draft.txt", text, "text/plain")
                .multiPart("file", "broken.pdf", corrupt, "application/pdf")
                .multiPart("file", "strategy.docx", docx, "application/octet-stream")
                .multiPart("source", "batch-test")
                .when().post("/documents/batch")
                .then().statusCode(207)
                .body("accepted", equalTo(2))
                .body("refused", equalTo(1))
                .body("results[0].file", equalTo("draft.txt"))
                .body("results[0].status", equalTo(201))
                .body("results[0].id", equalTo(DocumentIds.of(text)))
                .body("results[0].duplicate", equalTo(false))
                .body("results[0].problem", nullValue())
                .body("results[1].file", equalTo("broken.pdf"))
                .body("results[1].status", equalTo(422))
                .body("results[1].problem.type", equalTo(PROBLEMS + "unreadable-document"))
                .body("results[1].problem.documentId", equalTo(DocumentIds.of(corrupt)))
                .body("results[2].status", equalTo(201))
                .body("results[2].title", equalTo("Strategy on Cyberspace Cooperation"));

        given().get("/documents/" + DocumentIds.of(text)).then().statusCode(200)
                .body("source", equalTo("batch-test"))
                .body("filename", equalTo("draft.txt"));
    }

    @Test
    void eachEntryOfAZipArchiveIsADocumentOfItsOwnUnderTheSameProtections() throws IOException {
        byte[] text = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        byte[] html = Fixtures.html(Fixtures.marker());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("texts/declaration.txt", text);
        entries.put("texts/", new byte[0]);
        entries.put("paper.html", html);
        entries.put("bomb.docx", hostile("zip-bomb.docx"));
        entries.put("inner.zip", Fixtures.zip(Fixtures.marker()));
        entries.put("again.txt", text);

        given().multiPart("file", "bundle.zip", Fixtures.zip(entries), "application/zip")
                .when().post("/documents/batch")
                .then().statusCode(207)
                .body("results.size()", equalTo(5))
                .body("results[0].file", equalTo("bundle.zip!/texts/declaration.txt"))
                .body("results[0].status", equalTo(201))
                .body("results[0].id", equalTo(DocumentIds.of(text)))
                .body("results[1].file", equalTo("bundle.zip!/paper.html"))
                .body("results[1].status", equalTo(201))
                .body("results[2].status", equalTo(422))
                .body("results[2].problem.type", equalTo(PROBLEMS + "unreadable-document"))
                .body("results[3].status", equalTo(415))
                .body("results[3].problem.type", equalTo(PROBLEMS + "unsupported-type"))
                .body("results[4].status", equalTo(200))
                .body("results[4].duplicate", equalTo(true));

        given().get("/documents/" + DocumentIds.of(html)).then().statusCode(200)
                .body("filename", equalTo("paper.html"));
    }

    @Test
    void aBatchWithoutFilesIsABadRequest() {
        BadInputTest.refused(given().multiPart("source", "nothing").post("/documents/batch"), 400, "missing-file");
    }

    private static byte[] hostile(String name) throws IOException {
        try (InputStream in = BatchUploadTest.class.getResourceAsStream("/hostile/" + name)) {
            return in.readAllBytes();
        }
    }
}
