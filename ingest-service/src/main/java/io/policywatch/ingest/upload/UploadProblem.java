package io.policywatch.ingest.upload;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.policywatch.ingest.UploadProblems;
import io.policywatch.support.problem.Problem;
import io.policywatch.support.problem.ProblemException;

/**
 * An upload's refusal as RFC 9457 problem JSON, with one extension member: the id under which a failed extraction
 * was recorded (absent when nothing was recorded).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadProblem(String type, String title, int status, String detail, String instance,
        String documentId) {

    static UploadProblem of(ProblemException refusal, String instance) {
        String documentId = refusal instanceof ExtractionFailed failed ? failed.documentId() : null;
        return new UploadProblem(refusal.type(), UploadProblems.title(refusal.status()), refusal.status(),
                refusal.getMessage(), instance, documentId);
    }

    Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(Problem.MEDIA_TYPE)).entity(this).build();
    }
}
