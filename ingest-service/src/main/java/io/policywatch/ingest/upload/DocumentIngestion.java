package io.policywatch.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.UploadSteps;
import io.policywatch.ingest.UploadSteps.Step;
import io.policywatch.ingest.extraction.Extraction;
import io.policywatch.ingest.extraction.TextExtractor;
import io.policywatch.ingest.extraction.Titles;
import io.policywatch.ingest.publishing.DocumentPublisher;
import io.policywatch.ingest.storage.BlobStore;
import io.policywatch.ingest.storage.DocumentRecords;
import io.policywatch.ingest.storage.ExtractionFailure;
import io.policywatch.ingest.storage.ExtractionFailures;
import io.policywatch.support.problem.ProblemException;

/**
 * Takes a staged upload through to an accepted document: de-duplication by id, extraction, keeping the original,
 * publishing, and only then recording the document as known.
 */
@Singleton
public class DocumentIngestion {

    private static final Logger LOG = Logger.getLogger(DocumentIngestion.class);

    private final TextExtractor extractor;
    private final BlobStore blobs;
    private final DocumentRecords records;
    private final ExtractionFailures failures;
    private final DocumentPublisher publisher;
    private final MeterRegistry metrics;
    private final UploadSteps steps;
    private final Path staging;
    private final long maxUploadBytes;
    /** One lock per id being ingested: two simultaneous uploads of the same bytes publish once. */
    private final ConcurrentMap<String, Object> inFlight = new ConcurrentHashMap<>();

    public DocumentIngestion(TextExtractor extractor, BlobStore blobs, DocumentRecords records,
            ExtractionFailures failures, DocumentPublisher publisher, MeterRegistry metrics, UploadSteps steps,
            IngestConfig config) throws IOException {
        this.extractor = extractor;
        this.blobs = blobs;
        this.records = records;
        this.failures = failures;
        this.publisher = publisher;
        this.metrics = metrics;
        this.steps = steps;
        this.staging = config.storageDir().resolve("staging");
        this.maxUploadBytes = config.maxUploadSize().asLongValue();
        removeLeftovers(staging);
    }

    /** Writes an upload to a temporary file, refusing it as soon as it passes the maximum size. */
    StagedUpload stage(InputStream content) throws IOException {
        return StagedUpload.stage(content, staging, maxUploadBytes);
    }

    /** The document and whether it was new; blocks through extraction and Kafka's acknowledgement. */
    Ingested ingest(StagedUpload upload, UploadDetails details) throws IOException {
        if (upload.size() == 0) {
            throw UploadProblems.emptyUpload();
        }
        Object lock = inFlight.computeIfAbsent(upload.id(), id -> new Object());
        synchronized (lock) {
            try {
                Optional<DocumentExtracted> known = records.find(upload.id());
                if (known.isPresent()) {
                    count("duplicate");
                    return new Ingested(known.get(), false);
                }
                DocumentExtracted document = accept(upload, details);
                count("accepted");
                return new Ingested(document, true);
            } finally {
                inFlight.remove(upload.id(), lock);
            }
        }
    }

    private DocumentExtracted accept(StagedUpload upload, UploadDetails details) throws IOException {
        Extraction extraction = extract(upload, details);
        DocumentExtracted document = new DocumentExtracted(
                upload.id(),
                details.filename(),
                extraction.contentType(),
                upload.size(),
                Titles.choose(details.title(), extraction.metadataTitle(), extraction.text(), details.filename(),
                        upload.id()),
                extraction.author(),
                details.source(),
                details.publishedAt() != null ? details.publishedAt() : extraction.publishedAt(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                extraction.createdAt(),
                extraction.modifiedAt(),
                extraction.language(),
                extraction.languages(),
                extraction.pageCount(),
                extraction.text().length(),
                extraction.warnings(),
                extraction.text());
        // The original is kept first: once the event is out, GET /documents/{id}/original must work.
        long start = System.nanoTime();
        blobs.put(document.id(), upload.file());
        steps.finished(Step.BLOB, start);
        start = System.nanoTime();
        publisher.publish(document);
        steps.finished(Step.PUBLISH, start);
        start = System.nanoTime();
        records.save(document);
        steps.finished(Step.RECORD, start);
        failures.remove(document.id());
        LOG.infof("Accepted document %s (%s, %d characters): %s", document.id(), document.contentType(),
                document.characters(), document.title());
        return document;
    }

    /**
     * A refusal for the document's content (422) is recorded under its id; other refusals (unsupported type, busy
     * parsers) say nothing about the document and are not.
     */
    private Extraction extract(StagedUpload upload, UploadDetails details) throws IOException {
        try {
            return extractor.extract(upload.file());
        } catch (ProblemException refusal) {
            if (refusal.status() != UploadProblems.UNPROCESSABLE_CONTENT.getStatusCode()) {
                throw refusal;
            }
            failures.save(new ExtractionFailure(upload.id(), details.filename(), upload.size(), details.source(),
                    refusal.type(), refusal.status(), refusal.getMessage(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            count("failed");
            throw new ExtractionFailed(refusal, upload.id());
        }
    }

    /** Uploads cut short by a crash leave their temporary files behind. */
    private static void removeLeftovers(Path staging) throws IOException {
        if (Files.isDirectory(staging)) {
            try (Stream<Path> leftovers = Files.list(staging)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    private void count(String outcome) {
        metrics.counter("policywatch.ingest.documents", "outcome", outcome).increment();
    }

    /** @param created false when the document was known already and nothing was published */
    record Ingested(DocumentExtracted document, boolean created) {
    }
}
