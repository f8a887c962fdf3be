package io.policywatch.ingest.extraction;

import java.time.Instant;
import java.util.List;

/**
 * What a parser worker made of a document: everything of an {@link Extraction} but the languages, which the service
 * detects itself (the language models are loaded once, in the service, not in every worker's heap).
 *
 * @param contentType the media type detected from the content, with the charset for text
 * @param metadataTitle the title the document's metadata declares, or null
 * @param author the author or issuer the metadata names, or null
 * @param pageCount pages, for paged formats, else null
 * @param text the cleaned text, never blank
 * @param warnings what went wrong without stopping extraction
 * @param publishedAt when the document's metadata says it was published (issued), or null
 * @param createdAt when the document says it was created, or null
 * @param modifiedAt when the document says it was last modified, or null
 */
record ParsedDocument(
        String contentType,
        String metadataTitle,
        String author,
        Integer pageCount,
        String text,
        List<String> warnings,
        Instant publishedAt,
        Instant createdAt,
        Instant modifiedAt) {
}
