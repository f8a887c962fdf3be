package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentIds;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.policywatch.testing.TopicReader.Received;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class UploadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readinessIsUpWithKafka() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void everyStepOfAcceptingADocumentIsTimedAtTheMetricsEndpoint() {
        Map<String, Double> before = stepCounts();
        byte[] bytes = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());

        given().multiPart("file", "timed.txt", bytes, "text/plain").when().post("/documents").then().statusCode(201);

        Map<String, Double> after = stepCounts();
        for (UploadSteps.Step step : UploadSteps.Step.values()) {
            String name = step.name().toLowerCase(Locale.ROOT);
            assertEquals(before.getOrDefault(name, 0.0) + 1, after.get(name), name + " timed once more");
        }
    }

    /** How many times each step was timed, from the Prometheus text at /q/metrics. */
    private static Map<String, Double> stepCounts() {
        Pattern count = Pattern.compile("^policywatch_ingest_upload_step_seconds_count\\{.*step=\"(\\w+)\".*} (\\S+)$",
                Pattern.MULTILINE);
        Matcher matcher = count.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        Map<String, Double> counts = new HashMap<>();
        while (matcher.find()) {
            counts.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return counts;
    }

    @Test
    void uploadingATextDocumentPublishesItOnDocumentsExtracted() throws Exception {
        String marker = Fixtures.marker();
        byte[] bytes = Fixtures.seed(Fixtures.SCO_DECLARATION, marker);
        String id = DocumentIds.of(bytes);

        given().multiPart("file", "sco-declaration.txt", bytes, "text/plain")
                .when().post("/documents")
                .then().statusCode(201)
                .header("Location", endsWith("/documents/" + id))
                .body("id", equalTo(id))
                .body("duplicate", equalTo(false))
                .body("filename", equalTo("sco-declaration.txt"))
                .body("contentType", startsWith("text/plain"))
                .body("language", equalTo("en"))
                .body("sizeBytes", equalTo(bytes.length))
                .body("title", startsWith("Declaration of the Council of Heads of State of the Shanghai"))
                .body("receivedAt", not(nullValue()));

        Received record = TopicReader.awaitRecord(Topics.DOCUMENTS_EXTRACTED, r -> id.equals(r.key()), WAIT);
        assertEquals(EventTypes.DOCUMENT_EXTRACTED, record.headers().get("ce_type"));
        assertEquals(id, record.headers().get("ce_id"));
        assertEquals("/policywatch/ingest-service", record.headers().get("ce_source"));
        JsonNode event = json.readTree(record.value());
        assertEquals(id, event.get("id").asText());
        String text = event.get("text").asText();
        assertTrue(text.startsWith("Declaration of the Council of Heads of State"), text);
        assertTrue(text.endsWith("Reference: " + marker), text);
        assertFalse(text.contains("\n\n\n"), "runs of blank lines are collapsed");
        assertEquals(text.length(), event.get("characters").asInt());
        assertTrue(event.get("title").asText().length() <= 201, "titles are capped");
        assertEquals("en", event.get("language").asText());
        assertTrue(event.get("receivedAt").isTextual(), "instants are ISO-8601 text: " + event.get("receivedAt"));
    }

    @Test
    void reuploadingTheSameBytesIsADuplicateAndPublishesNothing() {
        byte[] bytes = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        String id = DocumentIds.of(bytes);
        given().multiPart("file", "draft.txt", bytes, "text/plain").post("/documents").then().statusCode(201);

        given().multiPart("file", "same-bytes-other-name.txt", bytes, "text/plain")
                .when().post("/documents")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("duplicate", equalTo(true))
                .body("filename", equalTo("draft.txt"))
                .body("title", equalTo("General Assembly"));

        long published = TopicReader.readAll(Topics.DOCUMENTS_EXTRACTED, WAIT).stream()
                .filter(record -> id.equals(record.key()))
                .count();
        assertEquals(1, published);
    }

    @Test
    void rawBodyUploadTakesItsDetailsFromTheQuery() {
        byte[] bytes = Fixtures.seed(Fixtures.UN_DRAFT, Fixtures.marker());
        String id = DocumentIds.of(bytes);

        given().contentType("text/plain; charset=utf-8").body(bytes)
                .queryParam("filename", "A_C.1_77_L.73.txt")
                .queryParam("title", "Draft resolution on ICT security")
                .queryParam("source", "https://undocs.org/A/C.1/77/L.73")
                .queryParam("publishedAt", "2022-10-06")
                .when().post("/documents")
                .then().statusCode(201)
                .body("id", equalTo(id))
                .body("filename", equalTo("A_C.1_77_L.73.txt"))
                .body("title", equalTo("Draft resolution on ICT security"))
                .body("source", equalTo("https://undocs.org/A/C.1/77/L.73"))
                .body("publishedAt", equalTo("2022-10-06T00:00:00Z"));
    }

    @Test
    void theTypeIsDetectedFromTheContentNotTheDeclaredContentType() {
        byte[] bytes = Fixtures.html(Fixtures.marker());
        given().contentType("application/octet-stream").body(bytes)
                .when().post("/documents")
                .then().statusCode(201)
                .body("contentType", startsWith("text/html"));
    }

    @Test
    void htmlLosesItsTagsAndTakesItsTitleFromTheTitleElement() throws Exception {
        String marker = Fixtures.marker();
        byte[] bytes = Fixtures.html(marker);
        String id = DocumentIds.of(bytes);

        given().multiPart("file", "paper.html", bytes, "text/html")
                .when().post("/documents")
                .then().statusCode(201)
                .body("title", equalTo("Position Paper on Outer Space Security"))
                .body("author", equalTo("Ministry of Foreign Affairs"));

        String text = given().get("/documents/" + id).then().statusCode(200).extract().path("text");
        assertFalse(text.contains("<"), text);
        assertFalse(text.contains("analytics"), "scripts are not text: " + text);
        assertFalse(text.contains("font-family"), "styles are not text: " + text);
        assertTrue(text.contains("We oppose the weaponization of outer space and an arms race in outer space."), text);
        assertTrue(text.contains("Negotiate a legally binding instrument.\n"), "block elements end lines: " + text);
        assertTrue(text.contains("Reference: " + marker), text);
    }

    @Test
    void aPdfGivesItsPagesAndMetadata() {
        String marker = Fixtures.marker();
        byte[] bytes = Fixtures.pdf("Joint Statement on Nuclear Security", "Permanent Mission",
                "The parties reaffirm that a nuclear war cannot be won and must never be fought. " + marker, 0);

        given().multiPart("file", "statement.pdf", bytes, "application/pdf")
                .when().post("/documents")
                .then().statusCode(201)
                .body("contentType", equalTo("application/pdf"))
                .body("title", equalTo("Joint Statement on Nuclear Security"))
                .body("author", equalTo("Permanent Mission"))
                .body("pageCount", equalTo(1))
                .body("warnings.size()", equalTo(0));
    }

    @Test
    void aWordDocumentIsDetectedFromItsContainerAndRead() {
        String marker = Fixtures.marker();
        byte[] bytes = Fixtures.docx("Strategy on Cyberspace Cooperation",
                "Cyberspace is a common space of activities for mankind.", "Reference: " + marker);
        String id = DocumentIds.of(bytes);

        given().contentType("application/octet-stream").body(bytes)
                .when().post("/documents")
                .then().statusCode(201)
                .body("contentType", equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .body("title", equalTo("Strategy on Cyberspace Cooperation"));
        given().get("/documents/" + id).then().statusCode(200)
                .body("text", equalTo("Cyberspace is a common space of activities for mankind.\nReference: " + marker));
    }

    @Test
    void simultaneousUploadsOfTheSameBytesPublishOnce() throws Exception {
        byte[] bytes = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        String id = DocumentIds.of(bytes);
        Callable<Integer> upload = () -> given().multiPart("file", "sco.txt", bytes, "text/plain")
                .post("/documents").statusCode();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(List.of(upload, upload, upload))) {
                statuses.add(status.get());
            }
            Collections.sort(statuses);
            assertEquals(List.of(200, 200, 201), statuses);
        } finally {
            clients.shutdown();
        }
        long published = TopicReader.readAll(Topics.DOCUMENTS_EXTRACTED, WAIT).stream()
                .filter(record -> id.equals(record.key()))
                .count();
        assertEquals(1, published);
    }

    @Test
    void aPdfWithPagesWithoutTextIsFlaggedAsMissingATextLayer() {
        // With OCR, each page without text is rendered and OCR'd: few pages keep the test quick.
        byte[] bytes = Fixtures.pdf("Scanned annex", "Secretariat", "Annex " + Fixtures.marker(), 2);

        given().multiPart("file", "annex.pdf", bytes, "application/pdf")
                .when().post("/documents")
                .then().statusCode(201)
                .body("pageCount", equalTo(3))
                .body("warnings", hasItem(containsString("no text layer")));
    }

    @Test
    void textInALegacyEncodingIsDecoded() {
        String marker = Fixtures.marker();
        String original = "Déclaration commune sur la sécurité de l'espace extra-atmosphérique.\n"
                + "Les États parties réaffirment leur engagement en faveur de l'utilisation pacifique de l'espace, "
                + "de la prévention d'une course aux armements et de la coopération internationale. " + marker;
        byte[] bytes = original.getBytes(Charset.forName("windows-1252"));
        String id = DocumentIds.of(bytes);

        given().multiPart("file", "declaration.txt", bytes, "text/plain")
                .when().post("/documents")
                .then().statusCode(201)
                .body("language", equalTo("fr"));
        given().get("/documents/" + id).then().statusCode(200)
                .body("text", equalTo(original))
                .body("title", equalTo("Déclaration commune sur la sécurité de l'espace extra-atmosphérique."));
    }

    @Test
    void formFieldsGiveTitleSourceAndPublicationTime() {
        byte[] bytes = Fixtures.seed(Fixtures.SCO_DECLARATION, Fixtures.marker());
        given().multiPart("file", "sco.txt", bytes, "text/plain")
                .multiPart("title", "SCO declaration on information security")
                .multiPart("source", "mfa.gov.cn")
                .multiPart("publishedAt", "2011-06-15T09:30:00+02:00")
                .when().post("/documents")
                .then().statusCode(201)
                .body("title", equalTo("SCO declaration on information security"))
                .body("source", equalTo("mfa.gov.cn"))
                .body("publishedAt", equalTo("2011-06-15T07:30:00Z"))
                .body("warnings.size()", equalTo(0))
                .body("filename", equalTo("sco.txt"));
    }
}
