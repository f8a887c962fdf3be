package io.policywatch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.LanguageShare;
import io.policywatch.ingest.storage.DirectoryBlobStore;
import io.policywatch.ingest.storage.DocumentRecords;
import io.policywatch.ingest.storage.ExtractionFailure;
import io.policywatch.ingest.storage.ExtractionFailures;

/** What is stored lives in files only: a new instance (as after a restart) finds all of it. */
class StorageTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void recordsAndOriginalsSurviveARestart(@TempDir Path storage) throws IOException {
        byte[] bytes = "Outer space is the common heritage of mankind.".getBytes(StandardCharsets.UTF_8);
        String id = DocumentIds.of(bytes);
        Path upload = Files.write(storage.resolve("upload.txt"), bytes);
        DocumentExtracted document = new DocumentExtracted(id, "upload.txt", "text/plain; charset=UTF-8",
                bytes.length, "Outer space", null, null, null, Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2025-12-01T00:00:00Z"), null, "en", List.of(new LanguageShare("en", 1.0)), null, 46,
                List.of(), new String(bytes, StandardCharsets.UTF_8));

        new DirectoryBlobStore(storage.resolve("blobs")).put(id, upload);
        new DocumentRecords(storage.resolve("documents"), json).save(document);

        assertTrue(Files.isRegularFile(storage.resolve("blobs").resolve(id.substring(0, 2)).resolve(id.substring(2, 4))
                .resolve(id)));
        assertEquals(document, new DocumentRecords(storage.resolve("documents"), json).find(id).orElseThrow());
        try (InputStream original = new DirectoryBlobStore(storage.resolve("blobs")).open(id).orElseThrow()) {
            assertArrayEquals(bytes, original.readAllBytes());
        }
    }

    @Test
    void recordsOfEarlierVersionsAreReadWithTheirDatesAndLanguages(@TempDir Path storage) throws IOException {
        String bare = DocumentIds.of(new byte[] { 2 });
        Files.writeString(storage.resolve(bare + ".json"), """
                {"id": "%s", "contentType": "text/plain", "sizeBytes": 1, "title": "Bare",
                 "receivedAt": "2026-01-02T03:04:05Z", "language": "en", "characters": 4, "warnings": [], "text": "Bare"}
                """.formatted(bare));
        String withDetails = DocumentIds.of(new byte[] { 3 });
        Files.writeString(storage.resolve(withDetails + ".json"), """
                {"document": {"id": "%s", "contentType": "text/plain", "sizeBytes": 1, "title": "Kept beside",
                              "receivedAt": "2026-01-02T03:04:05Z", "language": "en", "characters": 4,
                              "warnings": [], "text": "Kept"},
                 "details": {"createdAt": "2025-12-01T00:00:00Z", "modifiedAt": null,
                             "languages": [{"language": "en", "share": 1.0}]}}
                """.formatted(withDetails));

        DocumentRecords records = new DocumentRecords(storage, json);

        assertEquals(List.of(), records.find(bare).orElseThrow().languages());
        DocumentExtracted upgraded = records.find(withDetails).orElseThrow();
        assertEquals("Kept beside", upgraded.title());
        assertEquals(Instant.parse("2025-12-01T00:00:00Z"), upgraded.createdAt());
        assertEquals(List.of(new LanguageShare("en", 1.0)), upgraded.languages());
    }

    @Test
    void failedExtractionsSurviveARestartAndListNewestFirst(@TempDir Path storage) throws IOException {
        ExtractionFailure older = failure("older", Instant.parse("2026-01-01T00:00:00Z"));
        ExtractionFailure newer = failure("newer", Instant.parse("2026-01-02T00:00:00Z"));
        ExtractionFailures failures = new ExtractionFailures(storage, json);
        failures.save(older);
        failures.save(newer);

        ExtractionFailures restarted = new ExtractionFailures(storage, json);
        assertEquals(List.of(newer, older), restarted.latest(10));
        assertEquals(List.of(newer), restarted.latest(1));
        assertEquals(older, restarted.find(older.id()).orElseThrow());
        restarted.remove(older.id());
        assertTrue(new ExtractionFailures(storage, json).find(older.id()).isEmpty());
    }

    @Test
    void nothingIsFoundUnderAnUnknownOrMalformedId(@TempDir Path storage) throws IOException {
        DocumentRecords records = new DocumentRecords(storage, json);
        assertTrue(records.find(DocumentIds.of(new byte[] { 1 })).isEmpty());
        assertTrue(records.find("../../etc/passwd").isEmpty());
        assertTrue(new DirectoryBlobStore(storage).open(DocumentIds.of(new byte[] { 1 })).isEmpty());
        assertTrue(new ExtractionFailures(storage, json).find("../../etc/passwd").isEmpty());
    }

    private static ExtractionFailure failure(String name, Instant at) {
        return new ExtractionFailure(DocumentIds.of(name.getBytes(StandardCharsets.UTF_8)), name + ".pdf", 10, null,
                "https://policywatch.io/problems/unreadable-document", 422, "it is encrypted", at);
    }
}
