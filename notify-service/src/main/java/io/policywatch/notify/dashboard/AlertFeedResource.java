package io.policywatch.notify.dashboard;

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

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Topics;
import io.policywatch.notify.stream.LiveStreams;
import io.policywatch.notify.stream.StreamStart;
import io.policywatch.notify.stream.TopicStream;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

/** The dashboard page's feed of alerts: every subscription's, as they are raised. */
@Path("/dashboard/alerts")
public class AlertFeedResource {

    /** The SSE event name of an alert. */
    public static final String ALERT_EVENT = "alert";

    private static final Logger LOG = Logger.getLogger(AlertFeedResource.class);

    @Inject
    LiveStreams streams;

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "All alerts as they are raised (server-sent events), for the dashboard page", description = """
            Each `alert` event is an AlertRaised. Resumable with `Last-Event-ID` like /documents/stream; without \
            it the stream starts now, or at `since`.""")
    public Multi<OutboundSseEvent> alerts(
            @Parameter(description = "Start at the alerts raised from this instant on (ISO-8601)") @RestQuery String since,
            @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        StreamStart start;
        try {
            start = StreamStart.of(lastEventId, since);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return streams.open(Topics.ALERTS, start, this::alert, ALERT_EVENT, sse);
    }

    private Optional<AlertRaised> alert(TopicStream.Received record) {
        try {
            return Optional.of(mapper.readValue(record.value(), AlertRaised.class));
        } catch (Exception e) {
            LOG.debugf("Skipping unreadable alert %s: %s", record.key(), e.getMessage());
            return Optional.empty();
        }
    }
}
