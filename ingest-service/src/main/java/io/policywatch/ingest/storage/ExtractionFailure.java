package io.policywatch.ingest.storage;

import java.time.Instant;

/**
 * A document whose text could not be extracted: what was uploaded and why it was refused.
 *
 * @param id the SHA-256 of the uploaded bytes, as a document id
 * @param filename the name it was uploaded under, or null
 * @param sizeBytes size of the upload
 * @param source the uploader-given source, or null
 * @param type the problem type URI of the refusal (unreadable-document, no-text, parse-timeout, too-much-text)
 * @param status the HTTP status the upload was answered with
 * @param reason the refusal's detail
 * @param failedAt when the last attempt failed
 */
public record ExtractionFailure(
        String id,
        String filename,
        long sizeBytes,
        String source,
        String type,
        int status,
        String reason,
        Instant failedAt) {
}
