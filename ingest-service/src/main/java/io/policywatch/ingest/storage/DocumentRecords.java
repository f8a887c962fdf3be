package io.policywatch.ingest.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.IngestConfig;

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

    public void save(DocumentExtracted document) throws IOException {
        files.save(document.id(), json.valueToTree(document));
    }

    /** The event a published document was announced with; empty for an unknown or malformed id. */
    public Optional<DocumentExtracted> find(String id) throws IOException {
        Optional<JsonNode> record = files.find(id);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(json.treeToValue(upgraded(record.get()), DocumentExtracted.class));
    }

    /**
     * Version 0.1 kept the dates and the language mix beside the event, as {@code {document, details}}, before the
     * event had fields for them; a record without them at all reads as "not known".
     */
    private static JsonNode upgraded(JsonNode record) {
        if (!record.has("document")) {
            return record.has("languages") ? record
                    : ((ObjectNode) record).set("languages", JsonNodeFactory.instance
                            .arrayNode());
        }
        ObjectNode document = (ObjectNode) record.get("document");
        JsonNode details = record.path("details");
        for (String field : new String[] { "createdAt", "modifiedAt", "languages" }) {
            document.set(field, details.path(field).isMissingNode() ? null : details.get(field));
        }
        return upgraded(document);
    }
}
