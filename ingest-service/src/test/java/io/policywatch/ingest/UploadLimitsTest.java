package io.policywatch.ingest;

import static io.policywatch.ingest.BadInputTest.refused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.policywatch.support.problem.Problem;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The size and time limits, made small enough to reach in a test. */
@QuarkusTest
@TestProfile(UploadLimitsTest.TightLimits.class)
@WithTestResource(KafkaBrokerTestResource.class)
class UploadLimitsTest {

    private static final int LIMIT = 64 * 1024;

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policywatch.ingest.max-upload-size", String.valueOf(LIMIT),
                    "policywatch.ingest.parse-timeout", "PT0.001S");
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
        String boundary = "policywatch-" + Fixtures.marker();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(text(2 * LIMIT));
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(documents)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("upload-too-large"), response.body());
    }

    @Test
    void aDocumentThatTakesTooLongToParseIsUnprocessable() {
        refused(given().contentType("text/plain").body(text(LIMIT - 1024)).post("/documents"), 422, "parse-timeout");
    }

    private static byte[] text(int size) {
        StringBuilder text = new StringBuilder(Fixtures.marker()).append('\n');
        while (text.length() < size) {
            text.append("Outer space shall be free for exploration and use by all States. ");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
