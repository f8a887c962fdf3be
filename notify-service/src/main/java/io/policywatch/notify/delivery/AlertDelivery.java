package io.policywatch.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Subscription;
import io.policywatch.notify.Channels;
import io.policywatch.notify.IncomingRecords;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.alert.AlertStore;
import io.policywatch.notify.email.AlertMailer;
import io.policywatch.notify.state.TopicBackedStore;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns each raised alert into the deliveries its subscription asks for (its webhook, its e-mail address), saved to
 * the deliveries topic before the alert's offset is committed, then run by the {@link DeliveryQueue}. Nothing waits
 * here for a receiver: an alert is handed over in the time it takes Kafka to acknowledge its deliveries. Subscriptions
 * with a digest get theirs from the {@code digest} package instead.
 */
@ApplicationScoped
public class AlertDelivery {

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStore alerts;

    @Inject
    DeliveryStore deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    AlertMailer mailer;

    @Inject
    NotifyConfig config;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public void onAlert(ConsumerRecord<String, AlertRaised> record) throws InterruptedException {
        AlertRaised alert = IncomingRecords.requireValue(record, "an alert");
        if (alert.id() == null || alert.subscriptionId() == null) {
            throw new IllegalArgumentException("not an alert (id or subscription id missing)");
        }
        TopicBackedStore.awaitAllLoaded("delivery", subscriptions, deliveries);
        Optional<Subscription> subscription = find(alert.subscriptionId());
        if (subscription.isEmpty()) {
            LOG.infof("Alert %s not delivered: subscription %s no longer exists", alert.id(), alert.subscriptionId());
            return;
        }
        // Raised by another instance, the alert may not have reached this instance's view yet.
        alerts.remember(alert);
        if (subscription.get().digest() != Subscription.Digest.IMMEDIATE) {
            LOG.debugf("Alert %s waits for subscription %s's digest", alert.id(), alert.subscriptionId());
            return;
        }
        Instant retentionCutoff = Instant.now().minus(config.delivery().retention());
        if (alert.raisedAt() != null && alert.raisedAt().isBefore(retentionCutoff)) {
            // Read again (the consumer group's offsets expired, say): its delivery may have been made and forgotten.
            LOG.infof("Alert %s not delivered: raised at %s, longer ago than the delivery retention (%s)", alert.id(),
                    alert.raisedAt(), config.delivery().retention());
            return;
        }
        for (Delivery.Channel channel : channels(subscription.get())) {
            queue.submit(Delivery.pending(Delivery.idFor(channel, alert.id()), alert.subscriptionId(), channel,
                    List.of(alert.id()), null, Instant.now()));
        }
    }

    /** Where a subscription's alerts go: its webhook, and its e-mail address while mail is on. */
    public List<Delivery.Channel> channels(Subscription subscription) {
        boolean webhook = subscription.webhook() != null;
        boolean email = subscription.email() != null && mailer.enabled();
        if (webhook && email) {
            return List.of(Delivery.Channel.WEBHOOK, Delivery.Channel.EMAIL);
        }
        return webhook ? List.of(Delivery.Channel.WEBHOOK) : email ? List.of(Delivery.Channel.EMAIL) : List.of();
    }

    /**
     * The alert may have been raised by another instance for a subscription created a moment ago that this
     * instance's view has not read yet: look again after catching up.
     */
    private Optional<Subscription> find(String subscriptionId) throws InterruptedException {
        Optional<Subscription> known = subscriptions.find(subscriptionId);
        if (known.isPresent()) {
            return known;
        }
        try {
            subscriptions.catchUp().get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not catch up with the subscriptions topic: %s", e.toString());
        }
        return subscriptions.find(subscriptionId);
    }
}
