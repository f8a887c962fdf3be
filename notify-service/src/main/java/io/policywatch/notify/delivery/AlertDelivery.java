package io.policywatch.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Subscription;
import io.policywatch.notify.Channels;
import io.policywatch.notify.IncomingRecords;
import io.policywatch.notify.subscription.SubscriptionPublisher;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Delivers each raised alert to its subscription's webhook. Alerts are delivered concurrently (up to the
 * {@value #WORKER_POOL} pool's bound, {@code smallrye.messaging.worker.webhook-delivery.max-concurrency}), so that
 * a slow or failing endpoint holds up only its own alerts. An alert no attempt got accepted goes to the
 * dead-letter topic with the reason (the record of what was not delivered); the stream goes on. An endpoint that
 * answers 410 Gone is removed from its subscription.
 */
@ApplicationScoped
public class AlertDelivery {

    /** The {@code type} of the webhook message body. */
    public static final String MESSAGE_TYPE = "alert.raised";
    static final String WORKER_POOL = "webhook-delivery";

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class);
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

    /** The body of a webhook message, as Standard Webhooks suggests: type, timestamp and data. */
    public record WebhookMessage(String type, Instant timestamp, AlertRaised data) {
    }

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    WebhookClient client;

    @Inject
    SubscriptionPublisher publisher;

    @Inject
    ObjectMapper mapper;

    @Incoming(Channels.ALERTS_IN)
    @Blocking(value = WORKER_POOL, ordered = false)
    public void onAlert(ConsumerRecord<String, AlertRaised> record) throws InterruptedException, JsonProcessingException {
        AlertRaised alert = IncomingRecords.requireValue(record, "an alert");
        if (alert.id() == null || alert.subscriptionId() == null) {
            throw new IllegalArgumentException("not an alert (id or subscription id missing)");
        }
        while (!subscriptions.awaitLoaded(WAIT_REPORT_INTERVAL)) {
            LOG.warn("Still reading subscriptions from Kafka; delivery waits");
        }
        Optional<Subscription> subscription = find(alert.subscriptionId());
        if (subscription.isEmpty()) {
            LOG.infof("Alert %s not delivered: subscription %s no longer exists", alert.id(), alert.subscriptionId());
            return;
        }
        Subscription.Webhook webhook = subscription.get().webhook();
        if (webhook == null) {
            LOG.debugf("Alert %s: subscription %s has no webhook", alert.id(), alert.subscriptionId());
            return;
        }
        String body = mapper.writeValueAsString(new WebhookMessage(MESSAGE_TYPE, alert.raisedAt(), alert));
        try {
            client.deliver(subscription.get().id(), webhook, alert.id(), body);
        } catch (WebhookGoneException e) {
            removeWebhook(subscription.get().id(), webhook.url());
            LOG.warnf("Alert %s not delivered: %s; the webhook is removed from subscription %s", alert.id(),
                    e.getMessage(), alert.subscriptionId());
        }
    }

    /** Unless the subscription got another endpoint meanwhile. */
    private void removeWebhook(String subscriptionId, String goneUrl) {
        subscriptions.find(subscriptionId)
                .filter(s -> s.webhook() != null && goneUrl.equals(s.webhook().url()))
                .ifPresent(s -> publisher.save(new Subscription(s.id(), s.name(), s.query(), s.domains(), s.stance(),
                        s.minScore(), null, s.email(), s.paused(), s.createdAt(), Instant.now())));
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
