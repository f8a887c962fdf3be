package io.policywatch.support.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: the body of every error response of every service.
 *
 * @param type a URI naming the kind of problem ("about:blank" when the status says it all)
 * @param title short, human-readable summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong this time, in words a client can act on
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
