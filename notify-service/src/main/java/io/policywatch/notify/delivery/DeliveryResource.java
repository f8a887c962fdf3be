package io.policywatch.notify.delivery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.policywatch.notify.subscription.SubscriptionStore;
import io.policywatch.support.problem.ProblemException;

@Path("/subscriptions/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    DeliveryStore deliveries;

    /** The subscription's deliveries with all their attempts, the latest activity first. */
    @GET
    public List<Delivery> list(@PathParam("id") String subscriptionId) {
        subscriptions.require(subscriptionId);
        return deliveries.forSubscription(subscriptionId);
    }

    @GET
    @Path("{deliveryId}")
    public Delivery get(@PathParam("id") String subscriptionId, @PathParam("deliveryId") String deliveryId) {
        subscriptions.require(subscriptionId);
        return deliveries.require(subscriptionId, deliveryId);
    }

    /**
     * Delivers a failed delivery again, now, with its retry schedule started over. It keeps its id, so a webhook
     * receiver sees the same {@code webhook-id}. Answers 202 with the delivery, pending again.
     */
    @POST
    @Path("{deliveryId}/replay")
    public Response replay(@PathParam("id") String subscriptionId, @PathParam("deliveryId") String deliveryId) {
        subscriptions.require(subscriptionId);
        Delivery delivery = deliveries.require(subscriptionId, deliveryId);
        if (delivery.status() != Delivery.Status.FAILED) {
            throw new ProblemException(Response.Status.CONFLICT, "delivery " + deliveryId + " is "
                    + delivery.status().name().toLowerCase() + "; only failed deliveries are replayed");
        }
        return Response.accepted(replayed(delivery)).build();
    }

    /**
     * Replays every failed delivery of the subscription whose last attempt was at or after {@code failedSince} (an
     * ISO-8601 instant, e.g. 2026-11-25T16:00:00Z). Answers 202 with the deliveries replayed.
     */
    @POST
    @Path("replay")
    public Response replayFailed(@PathParam("id") String subscriptionId, @QueryParam("failedSince") String failedSince) {
        subscriptions.require(subscriptionId);
        if (failedSince == null || failedSince.isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "failedSince is required: an ISO-8601 instant such as 2026-11-25T16:00:00Z");
        }
        Instant since;
        try {
            since = Instant.parse(failedSince.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "failedSince '" + failedSince + "' is not an ISO-8601 instant such as 2026-11-25T16:00:00Z");
        }
        return Response.accepted(deliveries.failedSince(subscriptionId, since).stream().map(this::replayed).toList())
                .build();
    }

    /** Saved pending again: the instance that owns the subscription (this one or another) runs it from there. */
    private Delivery replayed(Delivery delivery) {
        try {
            return deliveries.save(delivery.replayed(Instant.now()));
        } catch (RuntimeException e) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "the replay could not be stored: Kafka did not acknowledge it (" + e.getMessage() + ")", e);
        }
    }
}
