package io.policywatch.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.events.AlertRaised;
import io.policywatch.events.Subscription;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.Timers;
import io.policywatch.notify.alert.AlertStore;
import io.policywatch.notify.delivery.Delivery.Attempt;
import io.policywatch.notify.delivery.Delivery.Status;
import io.policywatch.notify.email.AlertMailer;
import io.policywatch.notify.state.TopicBackedStore;
import io.policywatch.notify.subscription.SubscriptionPublisher;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the pending deliveries of the subscriptions this instance owns ({@link DeliveryOwnership}): each at its due
 * time, on a bounded pool of workers, never more than a few at once per subscription, so that a slow or failing
 * endpoint holds up only its own messages. After every attempt the delivery's
 * new state (the attempt, and the next one's time or the outcome) is saved to the deliveries topic before anything
 * else happens; at start-up the pending deliveries found there are picked up again with their ids, so a restart
 * loses none and a redelivery keeps its {@code webhook-id}.
 * <p>
 * When a subscription moves between instances while one of its deliveries is under way, the delivery may be
 * attempted by both (receivers de-duplicate on {@code webhook-id}).
 */
@ApplicationScoped
public class DeliveryQueue {

    /** The {@code type} of a webhook message carrying one alert. */
    public static final String ALERT_MESSAGE_TYPE = "alert.raised";
    /** The {@code type} of a webhook message carrying a digest of alerts. */
    public static final String DIGEST_MESSAGE_TYPE = "alert.digest";

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);
    private static final int GONE = 410;
    /** How soon a delivery held back by its subscription's concurrency limit is looked at again. */
    private static final Duration BUSY_PAUSE = Duration.ofMillis(500);
    /** How soon a delivery whose new state Kafka did not acknowledge is attempted again. */
    private static final Duration UNSAVED_PAUSE = Duration.ofSeconds(30);
    private static final DateTimeFormatter PERIOD_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The body of a webhook message, as Standard Webhooks suggests: type, timestamp and data. */
    public record WebhookMessage(String type, Instant timestamp, Object data) {
    }

    /** The {@code data} of a digest message: the period's alerts, oldest first. */
    public record DigestData(String subscriptionId, String subscriptionName, String frequency, Instant periodStart,
            Instant periodEnd, List<AlertRaised> alerts) {
    }

    @Inject
    DeliveryStore store;

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    SubscriptionPublisher publisher;

    @Inject
    AlertStore alerts;

    @Inject
    WebhookClient webhooks;

    @Inject
    AlertMailer mailer;

    @Inject
    RetryPolicy retries;

    @Inject
    DeliveryOwnership ownership;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    @Inject
    NotifyConfig config;

    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> runningPerSubscription = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService workers;

    void onStart(@Observes StartupEvent event) {
        timer = Timers.timer("delivery-timer");
        AtomicInteger workerNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.delivery().concurrency(),
                runnable -> Timers.daemonThread(runnable, "delivery-" + workerNumber.incrementAndGet()));
        ownership.onAssignment(() -> workers.execute(this::resumePending));
        // Partitions may have been assigned before this start-up observer ran.
        workers.execute(this::resumePending);
        // A delivery made pending elsewhere (a replay through another instance) is run by its owner.
        store.addListener(delivery -> {
            if (delivery.status() == Status.PENDING && stateLoaded() && ownership.owns(delivery.subscriptionId())) {
                schedule(delivery);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }

    /** Creates the delivery (durably) unless it exists, and runs it when due; false when it existed. */
    public boolean submit(Delivery delivery) {
        if (store.find(delivery.id()).isPresent()) {
            return false;
        }
        schedule(store.save(delivery));
        return true;
    }

    /** Runs a pending delivery when it is due; anything else is ignored. */
    public void schedule(Delivery delivery) {
        if (delivery.status() == Status.PENDING && scheduled.add(delivery.id())) {
            Duration wait = Duration.between(Instant.now(), delivery.nextAttemptAt());
            runLater(delivery.id(), wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private void runLater(String id, Duration wait) {
        try {
            timer.schedule(() -> workers.execute(() -> run(id)), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debugf("Delivery %s not scheduled: shutting down", id);
        }
    }

    /**
     * Runs the pending deliveries of the subscriptions this instance owns, once the state they refer to is read: at
     * start-up, and whenever partitions (another instance's subscriptions) move here.
     */
    private void resumePending() {
        try {
            TopicBackedStore.awaitAllLoaded("resuming pending deliveries", subscriptions, alerts, store);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<Delivery> pending = store.pending().stream()
                .filter(delivery -> ownership.owns(delivery.subscriptionId()))
                .toList();
        pending.forEach(this::schedule);
        LOG.infof("%d pending deliveries resumed", pending.size());
    }

    private boolean stateLoaded() {
        return subscriptions.loaded() && alerts.loaded() && store.loaded();
    }

    private void run(String id) {
        Optional<Delivery> current = store.find(id).filter(delivery -> delivery.status() == Status.PENDING
                && ownership.owns(delivery.subscriptionId()));
        // Settled meanwhile, or its subscription moved to another instance, which runs it from now on.
        if (current.isEmpty()) {
            scheduled.remove(id);
            return;
        }
        Delivery delivery = current.get();
        AtomicInteger running = runningPerSubscription.computeIfAbsent(delivery.subscriptionId(),
                subscriptionId -> new AtomicInteger());
        if (running.incrementAndGet() > config.delivery().concurrencyPerSubscription()) {
            running.decrementAndGet();
            runLater(id, BUSY_PAUSE);
            return;
        }
        try {
            Delivery after = attempt(delivery);
            store.save(after);
            scheduled.remove(id);
            schedule(after);
            if (endpointGone(after)) {
                removeWebhook(after.subscriptionId(), after.attempts().get(after.attempts().size() - 1).target());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Most likely Kafka did not acknowledge the new state: the attempt is made again later, with the same id.
            LOG.errorf(e, "Delivery %s could not be recorded; it is attempted again in %s", id, UNSAVED_PAUSE);
            runLater(id, UNSAVED_PAUSE);
        } finally {
            running.decrementAndGet();
        }
    }

    /** Makes one attempt and answers the delivery's state after it. */
    private Delivery attempt(Delivery delivery) throws InterruptedException {
        int number = delivery.attemptCount() + 1;
        Instant attemptedAt = Instant.now();
        Optional<Subscription> subscription = subscriptions.find(delivery.subscriptionId());
        if (subscription.isEmpty()) {
            return cancelled(delivery, number, null, "the subscription was deleted");
        }
        List<AlertRaised> carried = new ArrayList<>();
        for (String alertId : delivery.alertIds()) {
            Optional<AlertRaised> alert = alerts.find(delivery.subscriptionId(), alertId);
            if (alert.isEmpty()) {
                return cancelled(delivery, number, null, "alert " + alertId + " is not on the alerts topic");
            }
            carried.add(alert.get());
        }
        String target = target(delivery, subscription.get());
        if (target == null) {
            return cancelled(delivery, number, null, "the subscription has no " + delivery.channel().name()
                    .toLowerCase() + " destination any more");
        }
        if (delivery.channel() == Delivery.Channel.EMAIL && !mailer.enabled()) {
            return cancelled(delivery, number, target, "e-mail is off: no SMTP host is configured");
        }
        long started = System.nanoTime();
        Outcome outcome = send(delivery, subscription.get(), carried);
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return settle(delivery, subscription.get(), new Attempt(number, attemptedAt, target, outcome.status(),
                outcome.error(), durationMs, null), outcome);
    }

    private Outcome send(Delivery delivery, Subscription subscription, List<AlertRaised> carried)
            throws InterruptedException {
        if (delivery.channel() == Delivery.Channel.WEBHOOK) {
            return webhooks.send(subscription.webhook(), delivery.id(), webhookBody(delivery, subscription, carried));
        }
        try {
            mailer.send(subscription.email(), subscription.name(), carried, digestLabel(delivery.digest()));
            return Outcome.succeeded();
        } catch (AlertMailer.NotSent e) {
            return e.permanent() ? Outcome.refused(e.getMessage()) : Outcome.failed(e.getMessage());
        }
    }

    private Delivery settle(Delivery delivery, Subscription subscription, Attempt attempt, Outcome outcome) {
        String channel = delivery.channel().name().toLowerCase();
        if (outcome.accepted()) {
            count(channel, "delivered");
            LOG.infof("Delivery %s (%s) made to %s on attempt %d", delivery.id(), channel, attempt.target(),
                    attempt.number());
            return delivery.after(attempt, Status.DELIVERED);
        }
        Integer status = outcome.status();
        if (status != null && status == GONE) {
            count(channel, "gone");
            LOG.warnf("Delivery %s: %s is gone (HTTP 410); the webhook is removed from subscription %s",
                    delivery.id(), attempt.target(), subscription.id());
            return delivery.after(withError(attempt, "HTTP 410: the endpoint is gone and is removed"), Status.FAILED);
        }
        Optional<Instant> next = outcome.permanent() ? Optional.empty()
                : retries.nextAttempt(delivery.roundAttempts() + 1, outcome.retryAfter(), Instant.now());
        if (next.isPresent()) {
            count(channel, "retried");
            LOG.warnf("Delivery %s to %s failed on attempt %d (%s); next attempt at %s", delivery.id(),
                    attempt.target(), attempt.number(), outcome.error(), next.get());
            return delivery.after(new Attempt(attempt.number(), attempt.attemptedAt(), attempt.target(),
                    attempt.status(), attempt.error(), attempt.durationMs(), next.get()), Status.PENDING);
        }
        count(channel, "failed");
        String reason = outcome.permanent() ? outcome.error() + "; not retried"
                : outcome.error() + "; retries used up";
        LOG.warnf("Delivery %s to %s failed: %s", delivery.id(), attempt.target(), reason);
        return delivery.after(withError(attempt, reason), Status.FAILED);
    }

    private Delivery cancelled(Delivery delivery, int number, String target, String reason) {
        count(delivery.channel().name().toLowerCase(), "cancelled");
        LOG.infof("Delivery %s cancelled: %s", delivery.id(), reason);
        return delivery.after(new Attempt(number, Instant.now(), target, null, reason, 0, null), Status.CANCELLED);
    }

    private static Attempt withError(Attempt attempt, String error) {
        return new Attempt(attempt.number(), attempt.attemptedAt(), attempt.target(), attempt.status(), error,
                attempt.durationMs(), null);
    }

    private static String target(Delivery delivery, Subscription subscription) {
        return switch (delivery.channel()) {
            case WEBHOOK -> subscription.webhook() == null ? null : subscription.webhook().url();
            case EMAIL -> subscription.email();
        };
    }

    /** The same bytes on every attempt: nothing in it depends on when it is sent. */
    private String webhookBody(Delivery delivery, Subscription subscription, List<AlertRaised> carried) {
        Delivery.DigestPeriod digest = delivery.digest();
        WebhookMessage message = digest == null
                ? new WebhookMessage(ALERT_MESSAGE_TYPE, carried.get(0).raisedAt(), carried.get(0))
                : new WebhookMessage(DIGEST_MESSAGE_TYPE, digest.end(), new DigestData(subscription.id(),
                        subscription.name(), digest.frequency(), digest.start(), digest.end(), carried));
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert always serializes", e);
        }
    }

    private static String digestLabel(Delivery.DigestPeriod digest) {
        if (digest == null) {
            return null;
        }
        String frequency = digest.frequency().substring(0, 1).toUpperCase() + digest.frequency().substring(1);
        return frequency + " digest, " + PERIOD_FORMAT.format(digest.start()) + " to "
                + PERIOD_FORMAT.format(digest.end());
    }

    private static boolean endpointGone(Delivery delivery) {
        Integer status = delivery.attempts().get(delivery.attempts().size() - 1).status();
        return delivery.channel() == Delivery.Channel.WEBHOOK && status != null && status == GONE;
    }

    /** Unless the subscription got another endpoint meanwhile. */
    private void removeWebhook(String subscriptionId, String goneUrl) {
        try {
            subscriptions.find(subscriptionId)
                    .filter(s -> s.webhook() != null && goneUrl.equals(s.webhook().url()))
                    .ifPresent(s -> publisher.save(new Subscription(s.id(), s.name(), s.query(), s.domains(),
                            s.stance(), s.minScore(), null, s.email(), s.digest(), s.paused(), s.createdAt(),
                            Instant.now())));
        } catch (RuntimeException e) {
            // The next delivery to the gone endpoint answers 410 again and tries again.
            LOG.errorf(e, "The gone webhook %s could not be removed from subscription %s", goneUrl, subscriptionId);
        }
    }

    private void count(String channel, String outcome) {
        metrics.counter("policywatch.notify.deliveries", "channel", channel, "outcome", outcome).increment();
    }
}
