package io.policywatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.policywatch.events.DocumentIds;
import io.policywatch.ingest.extraction.TextExtractor;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Scans are read by Tesseract through Tika, when tesseract is installed (CI installs it; elsewhere these tests
 * are skipped). UploadLimitsTest covers a scan without OCR.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class OcrTest {

    // A paragraph of seed 000, as a scanner would see it.
    private static final String[] LINES = { "China is always committed to the peaceful uses",
            "and the security of outer space." };

    @BeforeEach
    void needsTesseract() {
        assumeTrue(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> !directory.isBlank() && Files.isExecutable(Path.of(directory, "tesseract"))),
                "tesseract is not on the PATH");
    }

    @Test
    void anImageOfTextIsReadByOcr() {
        assertReadByOcr(Fixtures.scan(LINES), "scan.png", "image/png");
    }

    @Test
    void aPdfOfScannedPagesIsReadByOcr() {
        assertReadByOcr(Fixtures.scannedPdf(LINES), "scan.pdf", "application/pdf");
    }

    private static void assertReadByOcr(byte[] bytes, String name, String contentType) {
        given().multiPart("file", name, bytes, "application/octet-stream").post("/documents").then()
                .statusCode(oneOf(200, 201))
                .body("contentType", equalTo(contentType))
                .body("warnings", hasItem(TextExtractor.OCR_USED));
        String text = given().get("/documents/" + DocumentIds.of(bytes)).then().statusCode(200)
                .extract().<String> path("text").toLowerCase(Locale.ROOT);
        assertTrue(text.contains("peaceful") && text.contains("outer space"), text);
    }
}
