package io.policywatch.support.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Turns every failure of a request into problem JSON: a reason for the client, never a bare 500 page. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return problem(e.type(), e.status(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response response = e.getResponse();
        if (response.hasEntity() && response.getMediaType() != null
                && Problem.MEDIA_TYPE.equals(response.getMediaType().toString())) {
            return response;
        }
        String detail = e.getCause() instanceof JsonProcessingException json
                ? "the request body is not valid JSON: " + json.getOriginalMessage()
                : e.getMessage();
        return problem("about:blank", response.getStatus(), detail, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem("about:blank", 400, "the request body is not valid JSON: " + e.getOriginalMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem("about:blank", 500, "internal error: " + e.getClass().getSimpleName()
                + " (the service logged the details)", uri);
    }

    private static Response problem(String type, int status, String detail, UriInfo uri) {
        return new Problem(type, title(status), status, detail, uri.getPath()).toResponse();
    }

    /** The reason phrase of a status; JAX-RS' enum lacks some that PolicyWatch answers (RFC 9110 names). */
    static String title(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        return statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
    }
}
