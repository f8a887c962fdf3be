package io.policywatch.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.ingest.IngestConfig;

/**
 * The documents this service has accepted, one JSON file each under {@code <storage-dir>/documents/<id>.json}. A
 * record is written only once Kafka has acknowledged the document's event, so a record means "published".
 */
@Singleton
public class DocumentRecords {

    private final Path root;
    private final ObjectMapper json;

    @Inject
    public DocumentRecords(IngestConfig config, ObjectMapper json) {
        this(config.storageDir().resolve("documents"), json);
    }

    public DocumentRecords(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
    }

    public void save(DocumentExtracted document) throws IOException {
        AtomicFiles.write(pathOf(document.id()), new ByteArrayInputStream(json.writeValueAsBytes(document)));
    }

    /** The record of a published document; empty for an unknown or malformed id. */
    public Optional<DocumentExtracted> find(String id) throws IOException {
        if (!DocumentIds.isWellFormed(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readAllBytes(pathOf(id)), DocumentExtracted.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path pathOf(String id) {
        if (!DocumentIds.isWellFormed(id)) {
            throw new IllegalArgumentException("not a document id: " + id);
        }
        return root.resolve(id + ".json");
    }
}
