package io.policywatch.notify.live;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.policywatch.events.AlertRaised;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.mutiny.Multi;

/**
 * {@code GET /alerts/stream?subscription=<id>&subscription=<id2>}: the alerts of the chosen subscriptions as
 * Server-Sent Events, from the moment of connecting, whichever instance raised them. Each event is named
 * {@code alert}, its id is the alert id and its data the {@code AlertRaised} JSON.
 */
@Path("/alerts/stream")
public class AlertStreamResource {

    static final String EVENT_NAME = "alert";

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    LiveAlerts alerts;

    @Context
    Sse sse;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@QueryParam("subscription") List<String> subscriptionIds) {
        if (subscriptionIds == null || subscriptionIds.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "name the subscriptions to follow: ?subscription=<id>&subscription=<id2>...");
        }
        subscriptionIds.forEach(subscriptions::require);
        Set<String> wanted = Set.copyOf(subscriptionIds);
        return alerts.of(wanted).map(alert -> sse.newEventBuilder()
                .id(alert.id())
                .name(EVENT_NAME)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(AlertRaised.class, alert)
                .build());
    }
}
