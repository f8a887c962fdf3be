package io.policywatch.ingest.upload;

import java.time.Instant;
import java.util.List;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.LanguageShare;

/**
 * The answer to an upload: the document without its text.
 *
 * @param duplicate true when the same bytes had been accepted before and nothing was published this time
 */
public record DocumentSummary(
        String id,
        String title,
        String filename,
        String contentType,
        long sizeBytes,
        String language,
        int characters,
        Integer pageCount,
        String author,
        String source,
        Instant publishedAt,
        Instant receivedAt,
        List<String> warnings,
        Instant createdAt,
        Instant modifiedAt,
        List<LanguageShare> languages,
        boolean duplicate) {

    static DocumentSummary of(DocumentExtracted document, boolean duplicate) {
        return new DocumentSummary(document.id(), document.title(), document.filename(), document.contentType(),
                document.sizeBytes(), document.language(), document.characters(), document.pageCount(),
                document.author(), document.source(), document.publishedAt(), document.receivedAt(),
                document.warnings(), document.createdAt(), document.modifiedAt(), document.languages(), duplicate);
    }
}
