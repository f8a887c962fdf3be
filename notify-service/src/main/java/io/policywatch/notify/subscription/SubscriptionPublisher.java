package io.policywatch.notify.subscription;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.policywatch.events.EventTypes;
import io.policywatch.events.Subscription;
import io.policywatch.notify.Channels;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.support.messaging.CloudEvents;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Writes subscriptions to their compacted topic and waits for the broker's acknowledgement: a change is
 * answered only once it is durable, and visible to this instance.
 */
@ApplicationScoped
public class SubscriptionPublisher {

    private static final Logger LOG = Logger.getLogger(SubscriptionPublisher.class);

    @Inject
    @Channel(Channels.SUBSCRIPTIONS_OUT)
    MutinyEmitter<Subscription> emitter;

    @Inject
    SubscriptionStore store;

    @Inject
    NotifyConfig config;

    public void save(Subscription subscription) {
        send(subscription.id(), subscription);
    }

    /** Publishes the tombstone that deletes the subscription (and lets compaction forget it). */
    public void delete(String id) {
        send(id, null);
    }

    private void send(String id, Subscription value) {
        Message<Subscription> message = CloudEvents.message(value, id, UUID.randomUUID().toString(),
                EventTypes.SUBSCRIPTION_CHANGED, Channels.EVENT_SOURCE);
        try {
            emitter.sendMessage(message).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            LOG.errorf("Kafka did not acknowledge subscription %s: %s", id, e.getMessage());
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "the subscription could not be stored: Kafka did not acknowledge it (" + e.getMessage() + ")", e);
        }
        try {
            store.catchUp().get(config.viewSyncTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Durable already; the view shows it as soon as it catches up.
            LOG.warnf("Subscription %s is stored but not yet visible here: %s", id, e.toString());
        }
    }
}
