package io.policywatch.ingest.upload;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

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
 * <li>a chunked multipart form is left to Quarkus' form parser, which counts the bytes of its parts against the
 * same limit while writing them to disk and throws a 413 {@code WebApplicationException} that
 * {@link DocumentResource} answers as problem JSON. (Left to the request stream's own limit instead, the form would
 * be cut off with a bare 413.)</li>
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
            if (declaredLength(request) < 0) {
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

    /**
     * Answers before reading the body. The client may still be sending it: the rest is read and dropped for a
     * moment, since closing a socket with unread data resets it, and the client could lose the answer.
     */
    private static void refuse(RoutingContext request, ProblemException refusal, ObjectMapper json) {
        HttpServerRequest incoming = request.request();
        HttpConnection connection = incoming.connection();
        long lingering = request.vertx().setTimer(LINGER_MILLIS, expired -> connection.close());
        incoming.handler(dropped -> {
        }).endHandler(ended -> {
            request.vertx().cancelTimer(lingering);
            connection.close();
        }).resume();
        answer(request, refusal, json);
    }

    /** Answers with the problem and closes the connection, whose request body may not have been read to its end. */
    private static void answer(RoutingContext request, ProblemException refusal, ObjectMapper json) {
        Problem problem = new Problem(refusal.type(), UploadProblems.title(refusal.status()), refusal.status(),
                refusal.getMessage(), request.request().path());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem is always serializable", e);
        }
        request.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
