package io.policywatch.notify.dashboard;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.policywatch.notify.live.AlertStreams;
import io.policywatch.notify.stream.LiveStreams;
import io.smallrye.mutiny.Multi;

/** The dashboard page's feed of alerts: every subscription's, as they are raised. */
@Path("/dashboard/alerts")
public class AlertFeedResource {

    @Inject
    AlertStreams alerts;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "All alerts as they are raised (server-sent events), for the dashboard page", description = """
            Each `alert` event is an AlertRaised. Resumable with `Last-Event-ID` like /documents/stream; without \
            it the stream starts now, or at `since`.""")
    public Multi<OutboundSseEvent> alerts(
            @Parameter(description = "Start at the alerts raised from this instant on (ISO-8601)") @RestQuery String since,
            @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        return alerts.open(LiveStreams.start(lastEventId, since), alert -> true, sse);
    }
}
