package io.policywatch.ingest.storage;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.ingest.extraction.DocumentDetails;

/** An accepted document as this service keeps it: the event it published and what the event has no field for. */
public record StoredDocument(DocumentExtracted document, DocumentDetails details) {
}
