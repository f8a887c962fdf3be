package io.policywatch.support.problem;

import jakarta.ws.rs.core.Response;

/**
 * A refusal with a reason, answered as problem JSON. Throw it where a request cannot be served as asked.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;

    public ProblemException(Response.StatusType status, String detail) {
        this(status, "about:blank", detail);
    }

    /** @param type a URI that names the kind of problem, e.g. "https://policywatch.io/problems/unsupported-type" */
    public ProblemException(Response.StatusType status, String type, String detail) {
        super(detail);
        this.status = status.getStatusCode();
        this.type = type;
    }

    public ProblemException(Response.StatusType status, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status.getStatusCode();
        this.type = "about:blank";
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
