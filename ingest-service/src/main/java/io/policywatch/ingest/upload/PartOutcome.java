package io.policywatch.ingest.upload;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.support.problem.ProblemException;

/**
 * What became of one file of a batch upload: the document (201 new, 200 known already) or the refusal.
 *
 * @param file the part's file name; for a zip archive's entry, {@code archive.zip!/path/in/archive}
 * @param status the status the file would have had on its own
 * @param id the document id, when accepted
 * @param duplicate whether the document was known already, when accepted
 * @param title the document's title, when accepted
 * @param problem why it was refused, as problem JSON, when refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartOutcome(String file, int status, String id, Boolean duplicate, String title,
        UploadProblem problem) {

    static PartOutcome accepted(String file, DocumentIngestion.Ingested ingested) {
        DocumentExtracted document = ingested.document();
        return new PartOutcome(file, ingested.created() ? 201 : 200, document.id(), !ingested.created(),
                document.title(), null);
    }

    static PartOutcome refused(String file, ProblemException refusal, String instance) {
        return new PartOutcome(file, refusal.status(), null, null, null, UploadProblem.of(refusal, instance));
    }
}
