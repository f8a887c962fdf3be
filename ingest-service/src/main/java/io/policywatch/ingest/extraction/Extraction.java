package io.policywatch.ingest.extraction;

import java.time.Instant;
import java.util.List;

import io.policywatch.events.LanguageShare;

/**
 * What Tika made of a document.
 *
 * @param contentType the media type detected from the content, with the charset for text
 * @param metadataTitle the title the document's metadata declares, or null
 * @param author the author or issuer the metadata names, or null
 * @param pageCount pages, for paged formats, else null
 * @param language ISO 639-1 code, or "und"
 * @param text the cleaned text, never blank
 * @param warnings what went wrong without stopping extraction
 * @param publishedAt when the document's metadata says it was published (issued), or null
 * @param createdAt when the document's metadata says it was created, or null
 * @param modifiedAt when the document's metadata says it was last modified, or null
 * @param languages the languages of its paragraphs, largest share first (empty when none was recognised)
 */
public record Extraction(
        String contentType,
        String metadataTitle,
        String author,
        Integer pageCount,
        String language,
        String text,
        List<String> warnings,
        Instant publishedAt,
        Instant createdAt,
        Instant modifiedAt,
        List<LanguageShare> languages) {
}
