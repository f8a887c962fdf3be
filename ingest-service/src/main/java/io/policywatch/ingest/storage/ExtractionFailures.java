package io.policywatch.ingest.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.ingest.IngestConfig;

/**
 * Uploads whose extraction failed, one JSON file each under {@code <storage-dir>/failures/<id>.json}, so that
 * nothing refused is lost without a trace. A later successful upload of the same bytes removes its failure.
 */
@Singleton
public class ExtractionFailures {

    private final JsonFiles<ExtractionFailure> files;

    @Inject
    public ExtractionFailures(IngestConfig config, ObjectMapper json) {
        this(config.storageDir().resolve("failures"), json);
    }

    public ExtractionFailures(Path root, ObjectMapper json) {
        this.files = new JsonFiles<>(root, json, ExtractionFailure.class);
    }

    public void save(ExtractionFailure failure) throws IOException {
        files.save(failure.id(), failure);
    }

    public Optional<ExtractionFailure> find(String id) throws IOException {
        return files.find(id);
    }

    public void remove(String id) throws IOException {
        files.delete(id);
    }

    /** The most recent failures first, at most limit of them. */
    public List<ExtractionFailure> latest(int limit) throws IOException {
        return files.all().stream()
                .sorted(Comparator.comparing(ExtractionFailure::failedAt).reversed())
                .limit(limit)
                .toList();
    }
}
