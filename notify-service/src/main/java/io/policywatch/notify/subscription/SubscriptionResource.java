package io.policywatch.notify.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.policywatch.events.Subscription;
import io.policywatch.notify.delivery.StandardWebhooks;
import io.policywatch.support.problem.ProblemException;

/** Subscriptions: stored queries and where their alerts go. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private static final Logger LOG = Logger.getLogger(SubscriptionResource.class);

    @Inject
    SubscriptionStore store;

    @Inject
    SubscriptionPublisher publisher;

    /** Answers 201 once Kafka holds the subscription; the answer is the only one showing the webhook secret. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SubscriptionRequest request, UriInfo uri) {
        Subscription subscription = required(request).toSubscription(UUID.randomUUID().toString(), Instant.now());
        publisher.save(subscription);
        LOG.infof("Subscription %s (%s) created: %s", subscription.id(), subscription.name(), subscription.query());
        URI location = uri.getAbsolutePathBuilder().path(subscription.id()).build();
        return Response.created(location).entity(subscription).build();
    }

    @GET
    public List<Subscription> list() {
        return store.all().stream().map(SubscriptionResource::masked).toList();
    }

    @GET
    @Path("{id}")
    public Subscription get(@PathParam("id") String id) {
        return masked(store.require(id));
    }

    /**
     * Replaces the subscription, validated as a new one. The answer shows the webhook secret only when it changed
     * (given in the request, or generated for a webhook the subscription did not have).
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Subscription replace(@PathParam("id") String id, SubscriptionRequest request) {
        Subscription existing = store.require(id);
        Subscription replacement = required(request).replacing(existing, Instant.now());
        publisher.save(replacement);
        LOG.infof("Subscription %s (%s) replaced: %s", id, replacement.name(), replacement.query());
        return secretChanged(existing, replacement) ? replacement : masked(replacement);
    }

    /** Stops matching the subscription until it is resumed; alerts of documents seen meanwhile are not raised. */
    @POST
    @Path("{id}/pause")
    public Subscription pause(@PathParam("id") String id) {
        return setPaused(id, true);
    }

    @POST
    @Path("{id}/resume")
    public Subscription resume(@PathParam("id") String id) {
        return setPaused(id, false);
    }

    private Subscription setPaused(String id, boolean paused) {
        Subscription s = store.require(id);
        if (s.paused() != paused) {
            s = new Subscription(s.id(), s.name(), s.query(), s.domains(), s.stance(), s.minScore(), s.webhook(),
                    s.email(), s.digest(), paused, s.createdAt(), Instant.now());
            publisher.save(s);
            LOG.infof("Subscription %s %s", id, paused ? "paused" : "resumed");
        }
        return masked(s);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        store.require(id);
        publisher.delete(id);
        LOG.infof("Subscription %s deleted", id);
        return Response.noContent().build();
    }

    private static SubscriptionRequest required(SubscriptionRequest request) {
        if (request == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, SubscriptionRequest.INVALID_SUBSCRIPTION_TYPE,
                    "a JSON body {name, query, ...} is required");
        }
        return request;
    }

    private static boolean secretChanged(Subscription before, Subscription after) {
        String secretBefore = before.webhook() == null ? null : before.webhook().secret();
        return after.webhook() != null && !after.webhook().secret().equals(secretBefore);
    }

    private static Subscription masked(Subscription s) {
        if (s.webhook() == null) {
            return s;
        }
        return new Subscription(s.id(), s.name(), s.query(), s.domains(), s.stance(), s.minScore(),
                new Subscription.Webhook(s.webhook().url(), StandardWebhooks.MASKED_SECRET), s.email(), s.digest(),
                s.paused(),
                s.createdAt(), s.updatedAt());
    }
}
