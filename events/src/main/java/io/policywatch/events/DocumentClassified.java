package io.policywatch.events;

/** A document with its labels, as published on {@link Topics#DOCUMENTS_CLASSIFIED}. Key: the document id. */
public record DocumentClassified(DocumentExtracted document, Classification classification) {

    public String id() {
        return document.id();
    }
}
