package io.policywatch.events;

import java.time.Instant;
import java.util.List;

/**
 * A document accepted by ingest-service: its metadata and clean text. Key: {@link #id()}.
 *
 * @param id SHA-256 of the original bytes, lower-case hex: the same file is always the same document
 * @param filename the name it was uploaded under, if any
 * @param contentType the media type detected from the content
 * @param sizeBytes size of the original
 * @param title from the document's metadata, else its first line, else the file name
 * @param author author or issuer where the document names one, else null
 * @param source where it came from (an uploader-given label or URL), else null
 * @param publishedAt when it was published, where known, else null
 * @param receivedAt when ingest-service accepted it
 * @param createdAt when the document's own metadata says it was created, else null
 * @param modifiedAt when the document's own metadata says it was last modified, else null
 * @param language ISO 639-1 code of the main language, or "und" when undetermined
 * @param languages the languages of its paragraphs, largest share first: more than one for a bilingual text, empty
 *        when none was recognised
 * @param pageCount pages, for paged formats, else null
 * @param characters length of {@link #text()}
 * @param warnings what went wrong without stopping extraction (e.g. "no text layer")
 * @param text the extracted text; offsets in downstream events point into it
 */
public record DocumentExtracted(
        String id,
        String filename,
        String contentType,
        long sizeBytes,
        String title,
        String author,
        String source,
        Instant publishedAt,
        Instant receivedAt,
        Instant createdAt,
        Instant modifiedAt,
        String language,
        List<LanguageShare> languages,
        Integer pageCount,
        int characters,
        List<String> warnings,
        String text) {
}
