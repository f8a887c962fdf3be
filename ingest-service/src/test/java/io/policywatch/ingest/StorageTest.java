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
import io.policywatch.ingest.storage.DirectoryBlobStore;
import io.policywatch.ingest.storage.DocumentRecords;

/** What is stored lives in files only: a new instance (as after a restart) finds all of it. */
class StorageTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void recordsAndOriginalsSurviveARestart(@TempDir Path storage) throws IOException {
        byte[] bytes = "Outer space is the common heritage of mankind.".getBytes(StandardCharsets.UTF_8);
        String id = DocumentIds.of(bytes);
        Path upload = Files.write(storage.resolve("upload.txt"), bytes);
        DocumentExtracted document = new DocumentExtracted(id, "upload.txt", "text/plain; charset=UTF-8",
                bytes.length, "Outer space", null, null, null, Instant.parse("2026-01-02T03:04:05Z"), "en", null,
                46, List.of(), new String(bytes, StandardCharsets.UTF_8));

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
    void nothingIsFoundUnderAnUnknownOrMalformedId(@TempDir Path storage) throws IOException {
        DocumentRecords records = new DocumentRecords(storage, json);
        assertTrue(records.find(DocumentIds.of(new byte[] { 1 })).isEmpty());
        assertTrue(records.find("../../etc/passwd").isEmpty());
        assertTrue(new DirectoryBlobStore(storage).open(DocumentIds.of(new byte[] { 1 })).isEmpty());
    }
}
