package io.policywatch.ingest.upload;

import io.policywatch.ingest.UploadProblems;
import io.policywatch.support.problem.ProblemException;

/**
 * A document refused for its content (422), whose failure was recorded under its id: the answer names the id, so
 * that the client can look the failure up at {@code /documents/failures/{id}}.
 */
public class ExtractionFailed extends ProblemException {

    private final String documentId;

    ExtractionFailed(ProblemException refusal, String documentId) {
        super(UploadProblems.UNPROCESSABLE_CONTENT, refusal.type(), refusal.getMessage());
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }
}
