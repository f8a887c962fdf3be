package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.support.problem.Problem;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DocumentRetrievalTest {

    @Test
    void anAcceptedDocumentCanBeReadBackWithItsText() {
        String marker = Fixtures.marker();
        byte[] bytes = Fixtures.seed(Fixtures.UN_DRAFT, marker);
        String id = DocumentIds.of(bytes);
        given().multiPart("file", "draft.txt", bytes, "text/plain").post("/documents").then().statusCode(201);

        given().get("/documents/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("filename", equalTo("draft.txt"))
                .body("title", equalTo("General Assembly"))
                .body("sizeBytes", equalTo(bytes.length))
                .body("text", containsString("Developments in the field of information and telecommunications"))
                .body("text", containsString("Reference: " + marker));
    }

    @Test
    void theOriginalComesBackByteForByteWithItsTypeAndName() {
        byte[] bytes = Fixtures.html(Fixtures.marker());
        String id = DocumentIds.of(bytes);
        given().contentType("text/html").body(bytes).queryParam("filename", "position paper é.html")
                .post("/documents").then().statusCode(201);

        byte[] original = given().get("/documents/" + id + "/original").then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"position paper _.html\"; filename*=UTF-8''position%20paper%20%C3%A9.html"))
                .extract().asByteArray();
        assertArrayEquals(bytes, original);
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        String unknown = DocumentIds.of(Fixtures.marker().getBytes());
        for (String path : new String[] { "/documents/" + unknown, "/documents/" + unknown + "/original" }) {
            given().get(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString(unknown));
        }
    }

    @Test
    void aMalformedIdIsNotFound() {
        for (String path : new String[] { "/documents/not-an-id", "/documents/..%2F..%2Fetc%2Fpasswd/original" }) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        }
    }
}
