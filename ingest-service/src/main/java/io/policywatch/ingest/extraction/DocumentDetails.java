package io.policywatch.ingest.extraction;

import java.time.Instant;
import java.util.List;

/**
 * What is known of a document beyond the fields of {@link io.policywatch.events.DocumentExtracted}: kept with its
 * record and answered by {@code GET /documents/{id}}, but not (yet) in the event.
 *
 * @param createdAt when the document says it was created, or null
 * @param modifiedAt when the document says it was last modified, or null
 * @param languages the languages of its paragraphs, largest share first (empty when none was recognised)
 */
public record DocumentDetails(Instant createdAt, Instant modifiedAt, List<LanguageShare> languages) {

    public static final DocumentDetails NONE = new DocumentDetails(null, null, List.of());
}
