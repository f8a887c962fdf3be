package io.policywatch.ingest.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentIds;

/** Values kept one JSON file each, {@code <root>/<document id>.json}, written atomically. */
final class JsonFiles<T> {

    private static final String SUFFIX = ".json";

    private final Path root;
    private final ObjectMapper json;
    private final Class<T> type;

    JsonFiles(Path root, ObjectMapper json, Class<T> type) {
        this.root = root;
        this.json = json;
        this.type = type;
    }

    void save(String id, T value) throws IOException {
        AtomicFiles.write(pathOf(id), new ByteArrayInputStream(json.writeValueAsBytes(value)));
    }

    /** Empty for an unknown or malformed id. */
    Optional<T> find(String id) throws IOException {
        if (!DocumentIds.isWellFormed(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readAllBytes(pathOf(id)), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(pathOf(id));
    }

    /** Every value, in no particular order; files being written (temporary names) are skipped. */
    List<T> all() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    find(name.substring(0, name.length() - SUFFIX.length())).ifPresent(values::add);
                }
            }
        }
        return values;
    }

    private Path pathOf(String id) {
        if (!DocumentIds.isWellFormed(id)) {
            // Ids become paths: anything else could walk out of the store.
            throw new IllegalArgumentException("not a document id: " + id);
        }
        return root.resolve(id + SUFFIX);
    }
}
