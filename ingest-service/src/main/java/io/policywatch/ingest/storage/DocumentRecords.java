package io.policywatch.ingest.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.extraction.DocumentDetails;

/**
 * The documents this service has accepted, one JSON file each under {@code <storage-dir>/documents/<id>.json}. A
 * record is written only once Kafka has acknowledged the document's event, so a record means "published".
 */
@Singleton
public class DocumentRecords {

    private final JsonFiles<JsonNode> files;
    private final ObjectMapper json;

    @Inject
    public DocumentRecords(IngestConfig config, ObjectMapper json) {
        this(config.storageDir().resolve("documents"), json);
    }

    public DocumentRecords(Path root, ObjectMapper json) {
        this.files = new JsonFiles<>(root, json, JsonNode.class);
        this.json = json;
    }

    public void save(StoredDocument stored) throws IOException {
        files.save(stored.document().id(), json.valueToTree(stored));
    }

    /** The record of a published document; empty for an unknown or malformed id. */
    public Optional<StoredDocument> find(String id) throws IOException {
        Optional<JsonNode> record = files.find(id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = record.get();
        // Records written before the details were kept hold the bare event.
        return Optional.of(node.has("document") ? json.treeToValue(node, StoredDocument.class)
                : new StoredDocument(json.treeToValue(node, DocumentExtracted.class), DocumentDetails.NONE));
    }
}
