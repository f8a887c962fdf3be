package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import io.policywatch.events.DocumentIds;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every format of fixtures/formats/ (made from the seeds by make-fixtures.sh) is detected from its content and
 * read: its type, title, language and a sentence of its text, as its line in formats.csv says. The fixtures are
 * fixed bytes, so a second run of the tests finds them known already (200, duplicate) with the same metadata.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class FormatsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvFileSource(resources = "/fixtures/formats/formats.csv", numLinesToSkip = 1)
    void aDocumentOfEachFormatIsDetectedAndRead(String file, String contentType, String title, String language,
            String sentence) throws IOException {
        byte[] bytes = fixture(file);
        String id = DocumentIds.of(bytes);

        // A neutral declared type and name: only the content may tell the format.
        given().multiPart("file", "upload", bytes, "application/octet-stream")
                .when().post("/documents")
                .then().statusCode(oneOf(200, 201))
                .body("id", equalTo(id))
                .body("contentType", startsWith(contentType))
                .body("title", equalTo(title))
                .body("language", equalTo(language));
        given().get("/documents/" + id).then().statusCode(200)
                .body("text", containsString(sentence));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = FormatsTest.class.getResourceAsStream("/fixtures/formats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no format fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
