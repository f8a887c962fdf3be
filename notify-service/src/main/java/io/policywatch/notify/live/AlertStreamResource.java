package io.policywatch.notify.live;

import java.util.List;
import java.util.Set;

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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.policywatch.notify.stream.LiveStreams;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

@Path("/alerts/stream")
public class AlertStreamResource {

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStreams alerts;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The alerts of chosen subscriptions as they are raised (server-sent events)", description = """
            Each `alert` event's data is an AlertRaised. The first event, `ready`, says where the stream starts. \
            Event ids are positions in the alerts topic: reconnect with `Last-Event-ID` (EventSource does) to get \
            exactly the alerts missed meanwhile. Without it the stream starts now, or at `since`. Idle streams get \
            a comment line now and then.""")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "The subscriptions to follow (repeat the parameter)", required = true) @RestQuery("subscription") List<String> subscriptionIds,
            @Parameter(description = "Start at the alerts raised from this instant on (ISO-8601)") @RestQuery String since,
            @RestHeader("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        if (subscriptionIds == null || subscriptionIds.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "name the subscriptions to follow: ?subscription=<id>&subscription=<id2>...");
        }
        subscriptionIds.forEach(subscriptions::require);
        Set<String> wanted = Set.copyOf(subscriptionIds);
        return alerts.open(LiveStreams.start(lastEventId, since), alert -> wanted.contains(alert.subscriptionId()),
                sse);
    }
}
