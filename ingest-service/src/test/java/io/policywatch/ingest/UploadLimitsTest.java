package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.support.problem.Problem;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The size limits, made small enough to reach in a test (HangingParserTest reaches the time limit); and OCR
 * switched off, as on a machine without tesseract.
 */
@QuarkusTest
@TestProfile(UploadLimitsTest.TightLimits.class)
@WithTestResource(KafkaBrokerTestResource.class)
class UploadLimitsTest {

    private static final int LIMIT = 64 * 1024;
    private static final int MAX_TEXT = 16 * 1024;
    private static final int ARCHIVE_EXPANSION = 20 * 1024;

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policywatch.ingest.max-upload-size", String.valueOf(LIMIT),
                    "policywatch.ingest.max-text-characters", String.valueOf(MAX_TEXT),
                    "policywatch.ingest.max-archive-entries", "3",
                    "policywatch.ingest.max-archive-expansion", String.valueOf(ARCHIVE_EXPANSION),
                    "policywatch.ingest.ocr-enabled", "false");
        }
    }

    @Test
    void aBodyOverTheMaximumSizeIsTooLarge() {
        refused(given().contentType("text/plain").body(text(LIMIT + 1)).post("/documents"), 413, "upload-too-large")
                .body("detail", containsString(String.valueOf(LIMIT)));
    }

    @TestHTTPResource("/documents")
    URI documents;

    @Test
    void aChunkedBodyOverTheMaximumSizeIsTooLarge() {
        refused(given().contentType("text/plain").body(new ByteArrayInputStream(text(2 * LIMIT))).post("/documents"),
                413, "upload-too-large");
    }

    @Test
    void aFormOverTheMaximumSizeIsTooLarge() throws Exception {
        // As browsers and curl send forms: with a Content-Length (RestAssured would send it chunked).
        HttpRequest request = HttpRequest.newBuilder(documents)
                .header("Content-Type", "multipart/form-data; boundary=" + FORM_BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(2 * LIMIT)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("upload-too-large"), response.body());
    }

    @Test
    void aChunkedFormOverTheMaximumSizeIsTooLarge() throws Exception {
        // No length: the form is sent in chunks, and Quarkus cuts it off while parsing it to disk.
        HttpRequest request = HttpRequest.newBuilder(documents)
                .header("Content-Type", "multipart/form-data; boundary=" + FORM_BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form(2 * LIMIT))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("upload-too-large"), response.body());
    }

    @Test
    void aDocumentWithMoreTextThanTheLimitIsRefusedNotCut() {
        byte[] bytes = text(MAX_TEXT * 2);
        refused(given().multiPart("file", "long.txt", bytes, "text/plain").post("/documents"), 422, "too-much-text")
                .body("detail", containsString(MAX_TEXT + " characters"))
                .body("documentId", equalTo(DocumentIds.of(bytes)));
        given().get("/documents/failures/" + DocumentIds.of(bytes)).then().statusCode(200)
                .body("type", endsWith("too-much-text"));
    }

    @Test
    void aZipWithMoreEntriesThanTheLimitIsRefusedWhole() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            entries.put("doc-" + i + ".txt", text(100));
        }
        given().multiPart("file", "many.zip", Fixtures.zip(entries)).post("/documents/batch")
                .then().statusCode(207)
                .body("results.size()", equalTo(1))
                .body("results[0].file", equalTo("many.zip"))
                .body("results[0].status", equalTo(413))
                .body("results[0].problem.type", endsWith("archive-too-large"))
                .body("results[0].problem.detail", containsString("4 entries"));
    }

    @Test
    void entriesPastTheArchiveExpansionLimitAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("first.txt", text(ARCHIVE_EXPANSION * 3 / 4));
        entries.put("second.txt", text(ARCHIVE_EXPANSION * 3 / 4));
        given().multiPart("file", "big.zip", Fixtures.zip(entries)).post("/documents/batch")
                .then().statusCode(207)
                .body("results[0].status", equalTo(201))
                .body("results[1].status", equalTo(413))
                .body("results[1].problem.type", endsWith("archive-too-large"));
    }

    @Test
    void withoutOcrAScanIsStillAcceptedAndFlaggedAsHavingNoTextLayer() {
        byte[] scan = Fixtures.scan("Annex " + Fixtures.marker());
        given().multiPart("file", "annex.png", scan).post("/documents").then()
                .statusCode(201)
                .body("contentType", equalTo("image/png"))
                .body("characters", equalTo(0))
                .body("warnings", hasItem(containsString("no text layer")));
    }

    private static final String FORM_BOUNDARY = "policywatch-form-boundary";

    /** A form with a text file part of the size given. */
    private static byte[] form(int size) {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(text(size));
        form.writeBytes(("\r\n--" + FORM_BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return form.toByteArray();
    }

    private static byte[] text(int size) {
        StringBuilder text = new StringBuilder(Fixtures.marker()).append('\n');
        while (text.length() < size) {
            text.append("Outer space shall be free for exploration and use by all States. ");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
