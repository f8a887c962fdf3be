package io.policywatch.ingest.upload;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.support.problem.Problem;
import io.policywatch.support.problem.ProblemException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the answer to an over-large upload problem JSON. Quarkus enforces {@code quarkus.http.limits.max-body-size}
 * (set to the upload limit) with a bare 413, so:
 * <ul>
 * <li>a request that declares a longer Content-Length is refused here first, before its body is read;</li>
 * <li>a raw chunked body (no declared length) is left to {@link StagedUpload}, which counts the same limit while
 * staging and refuses with a {@link ProblemException};</li>
 * <li>a chunked multipart form keeps Quarkus' cut-off (a bare 413): Quarkus parses the form to disk before the
 * resource sees it, and that must stay bounded.</li>
 * </ul>
 */
@Singleton
public class UploadSizeLimit {

    private static final long LINGER_MILLIS = 2_000;

    void install(@Observes Router router, IngestConfig config, ObjectMapper json) {
        long limit = config.maxUploadSize().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(request -> {
            if (declaredLength(request) > limit) {
                refuse(request, UploadProblems.tooLarge(limit), json);
            } else {
                request.next();
            }
        });
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(request -> {
            if (declaredLength(request) < 0 && !isMultipart(request)) {
                request.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
            }
            request.next();
        });
    }

    private static long declaredLength(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // Vert.x itself refuses a malformed Content-Length
        }
    }

    private static boolean isMultipart(RoutingContext request) {
        String type = request.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    /**
     * Answers before reading the body. The client may still be sending it: the rest is read and dropped for a
     * moment, since closing a socket with unread data resets it, and the client could lose the answer.
     */
    private static void refuse(RoutingContext request, ProblemException refusal, ObjectMapper json) {
        Problem problem = new Problem(refusal.type(),
                Response.Status.REQUEST_ENTITY_TOO_LARGE.getReasonPhrase(), refusal.status(), refusal.getMessage(),
                request.request().path());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem is always serializable", e);
        }
        HttpServerRequest incoming = request.request();
        HttpConnection connection = incoming.connection();
        long lingering = request.vertx().setTimer(LINGER_MILLIS, expired -> connection.close());
        incoming.handler(dropped -> {
        }).endHandler(ended -> {
            request.vertx().cancelTimer(lingering);
            connection.close();
        }).resume();
        request.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
