package io.policywatch.notify.delivery;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.policywatch.notify.subscription.SubscriptionStore;

@Path("/subscriptions/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    DeliveryLog log;

    /** The subscription's latest webhook delivery attempts, newest first. */
    @GET
    public List<DeliveryAttempt> list(@PathParam("id") String subscriptionId) {
        subscriptions.require(subscriptionId);
        return log.attempts(subscriptionId);
    }
}
