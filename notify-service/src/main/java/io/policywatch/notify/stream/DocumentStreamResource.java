package io.policywatch.notify.stream;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Topics;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

@Path("/documents/stream")
public class DocumentStreamResource {

    /** The SSE event name of a classified document. */
    public static final String DOCUMENT_EVENT = "document";

    private static final Logger LOG = Logger.getLogger(DocumentStreamResource.class);

    @Inject
    LiveStreams streams;

    @Inject
    ObjectMapper mapper;

    @Inject
    NotifyConfig config;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Classified documents as they arrive (server-sent events)", description = """
            Each `document` event is a compact view of a classified document (no text). The first event, `ready`, \
            says where the stream starts. Event ids are positions in the documents.classified topic: reconnect \
            with `Last-Event-ID` (EventSource does) to get exactly what was missed. Without it the stream starts \
            now, or at `since`.""")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "Only documents with one of these domains (repeat or comma-separate)") @RestQuery List<String> domain,
            @Parameter(description = "Only documents where this stance prevails in a (wanted) domain: support, oppose, neutral") @RestQuery String stance,
            @Parameter(description = "Only documents in this language (ISO 639-1)") @RestQuery String language,
            @Parameter(description = "Start at the documents classified from this instant on (ISO-8601)") @RestQuery String since,
            @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        DocumentFilter filter;
        try {
            filter = DocumentFilter.of(domain, stance, language);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return streams.open(Topics.DOCUMENTS_CLASSIFIED, LiveStreams.start(lastEventId, since),
                record -> summary(record).filter(filter::matches), DOCUMENT_EVENT, sse);
    }

    private Optional<DocumentSummary> summary(TopicStream.Received record) {
        try {
            DocumentClassified event = mapper.readValue(record.value(), DocumentClassified.class);
            return Optional.of(DocumentSummary.of(event, record.timestamp(), config.ingestUrl()));
        } catch (Exception e) {
            // notify's matcher dead-letters such a record; a stream just passes it by.
            LOG.debugf("Skipping unreadable record %s on %s: %s", record.key(), Topics.DOCUMENTS_CLASSIFIED,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
