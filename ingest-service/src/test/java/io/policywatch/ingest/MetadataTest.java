package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.LanguageShare;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Dates and the language mix, from the document's metadata and text, in the event, the upload's answer and the record. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class MetadataTest {

    @Inject
    ObjectMapper json;

    private static final String ENGLISH = "The lasting peace and security in outer space is of vital importance to the "
            + "security, development and prosperity of all nations.";
    private static final String CHINESE = "外空持久和平与安全事关各国安全、发展和繁荣，事关人类福祉和长远利益。中国始终致力于和平利用外空和维护外空安全，"
            + "坚定维护以国际法为基础的外空国际秩序。";

    @Test
    void aBilingualTextGivesTheShareOfEachLanguageByParagraph() throws IOException {
        // Four English paragraphs for one Chinese one, of about the same length.
        String text = "Outer Space Security\n\n" + (ENGLISH + "\n\n").repeat(3) + CHINESE + "\n\n" + ENGLISH
                + " Reference: " + Fixtures.marker() + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        double chinese = CHINESE.length() / (3.0 * ENGLISH.length() + CHINESE.length() + ENGLISH.length() + 48);

        float share = given().multiPart("file", "bilingual.txt", bytes, "text/plain").post("/documents").then()
                .statusCode(201)
                .body("language", equalTo("en"))
                .body("languages.size()", equalTo(2))
                .body("languages[0].language", equalTo("en"))
                .body("languages[1].language", equalTo("zh"))
                .extract().path("languages[1].share");
        assertEquals(chinese, share, 0.05);
        given().get("/documents/" + DocumentIds.of(bytes)).then().statusCode(200)
                .body("languages[0].language", equalTo("en"))
                .body("languages[1].language", equalTo("zh"));
        DocumentExtracted event = publishedEvent(DocumentIds.of(bytes));
        assertEquals(List.of("en", "zh"), event.languages().stream().map(LanguageShare::language).toList());
        assertEquals(chinese, event.languages().get(1).share(), 0.05);
    }

    @Test
    void aMessageGivesItsCreationDateAndADocumentItsPublicationDate() throws IOException {
        byte[] mail = (new String(FormatsTest.fixture("sco-declaration.eml"), StandardCharsets.UTF_8) + "\n"
                + Fixtures.marker() + "\n").getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "sco.eml", mail).post("/documents").then().statusCode(201)
                .body("createdAt", equalTo("2020-11-10T09:00:00Z"))
                .body("languages[0].language", equalTo("en"));
        assertEquals(Instant.parse("2020-11-10T09:00:00Z"), publishedEvent(DocumentIds.of(mail)).createdAt());

        String html = "<html><head><title>Joint statement</title><meta name=\"dcterms.issued\" content=\"2024-05-01\">"
                + "</head><body><p>" + ENGLISH + " " + Fixtures.marker() + "</p></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "statement.html", bytes, "text/html").post("/documents").then().statusCode(201)
                .body("publishedAt", equalTo("2024-05-01T00:00:00Z"));
        given().get("/documents/" + DocumentIds.of(bytes)).then().statusCode(200)
                .body("publishedAt", equalTo("2024-05-01T00:00:00Z"));
    }

    @Test
    void theFormsPublicationDateWinsOverTheDocuments() {
        String html = "<html><head><meta name=\"dcterms.issued\" content=\"2024-05-01\"></head><body><p>" + ENGLISH
                + " " + Fixtures.marker() + "</p></body></html>";
        given().multiPart("file", "statement.html", html.getBytes(StandardCharsets.UTF_8), "text/html")
                .multiPart("publishedAt", "2024-06-30")
                .post("/documents").then().statusCode(201)
                .body("publishedAt", equalTo("2024-06-30T00:00:00Z"));
    }

    private DocumentExtracted publishedEvent(String id) throws IOException {
        return json.readValue(TopicReader.awaitRecord(Topics.DOCUMENTS_EXTRACTED, record -> id.equals(record.key()),
                Duration.ofSeconds(30)).value(), DocumentExtracted.class);
    }
}
