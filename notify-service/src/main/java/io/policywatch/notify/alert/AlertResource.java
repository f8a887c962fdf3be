package io.policywatch.notify.alert;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.policywatch.events.AlertRaised;
import io.policywatch.notify.subscription.SubscriptionStore;

@Path("/subscriptions/{id}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStore alerts;

    /** The subscription's alerts, newest first. */
    @GET
    public List<AlertRaised> list(@PathParam("id") String subscriptionId) {
        subscriptions.require(subscriptionId);
        return alerts.history(subscriptionId);
    }
}
