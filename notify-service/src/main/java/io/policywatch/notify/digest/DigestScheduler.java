package io.policywatch.notify.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Subscription;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.Timers;
import io.policywatch.notify.alert.AlertStore;
import io.policywatch.notify.delivery.AlertDelivery;
import io.policywatch.notify.delivery.Delivery;
import io.policywatch.notify.delivery.DeliveryOwnership;
import io.policywatch.notify.delivery.DeliveryQueue;
import io.policywatch.notify.delivery.DeliveryStore;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends each digest subscription this instance owns ({@link DeliveryOwnership}), once its period is over, one
 * message per destination listing the period's alerts (nothing for a period without alerts). Periods are aligned to
 * the epoch in UTC (hours, days). A digest's delivery id is derived from (destination, subscription, period start)
 * and saved to the deliveries topic, so each period is sent once, across restarts too; it then retries like any
 * delivery.
 * <p>
 * Besides the latest ended period, the earlier ones that ended within {@code digest.catch-up} are looked at: a period
 * that ended while no instance ran is sent when one starts. Never further back than {@code delivery.retention}: older
 * digests may have been forgotten, and would be sent twice.
 */
@ApplicationScoped
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);
    private static final Duration MIN_TICK = Duration.ofMillis(500);
    private static final Duration MAX_TICK = Duration.ofMinutes(1);
    private static final Duration MAX_GRACE = Duration.ofSeconds(30);

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStore alerts;

    @Inject
    DeliveryStore deliveries;

    @Inject
    DeliveryQueue queue;

    @Inject
    AlertDelivery alertDelivery;

    @Inject
    DeliveryOwnership ownership;

    @Inject
    NotifyConfig config;

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        Duration hourly = config.digest().hourly();
        Duration daily = config.digest().daily();
        Duration tick = Timers.clamp((hourly.compareTo(daily) < 0 ? hourly : daily).dividedBy(8), MIN_TICK, MAX_TICK);
        timer = Timers.timer("digest-timer");
        timer.scheduleWithFixedDelay(this::sendEndedPeriods, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sendEndedPeriods() {
        // Before everything is read, a digest already sent would look unsent.
        if (!subscriptions.loaded() || !alerts.loaded() || !deliveries.loaded()) {
            return;
        }
        Instant now = Instant.now();
        for (Subscription subscription : subscriptions.all()) {
            if (subscription.digest() == Subscription.Digest.IMMEDIATE || !ownership.owns(subscription.id())) {
                continue;
            }
            try {
                send(subscription, subscription.digest(), now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "The %s digest of subscription %s could not be prepared; trying again",
                        subscription.digest().id(), subscription.id());
            }
        }
    }

    private void send(Subscription subscription, Subscription.Digest frequency, Instant now) {
        Duration period = period(frequency);
        // Alerts raised at a period's very end may reach this instance a moment later: wait a little for them.
        Duration grace = Timers.clamp(period.dividedBy(5), Duration.ZERO, MAX_GRACE);
        Instant latestEnd = periodStart(now.minus(grace), period);
        Duration catchUp = min(config.digest().catchUp(), config.delivery().retention());
        // The first period that ended within the catch-up (the latest one when the catch-up is shorter than a period).
        Instant firstEnd = periodStart(now.minus(catchUp), period).plus(period);
        Instant firstStart = (firstEnd.isAfter(latestEnd) ? latestEnd : firstEnd).minus(period);
        Map<Instant, List<AlertRaised>> byPeriod = alerts.raisedBetween(subscription.id(), firstStart, latestEnd)
                .stream()
                .collect(Collectors.groupingBy(alert -> periodStart(alert.raisedAt(), period), TreeMap::new,
                        Collectors.toList()));
        byPeriod.forEach((start, raised) -> {
            Instant end = start.plus(period);
            List<String> alertIds = raised.stream().map(AlertRaised::id).toList();
            for (Delivery.Channel channel : alertDelivery.channels(subscription)) {
                if (queue.submit(Delivery.pending(Delivery.digestIdFor(channel, subscription.id(), start),
                        subscription.id(), channel, alertIds, new Delivery.DigestPeriod(frequency.id(), start, end),
                        now))) {
                    LOG.infof("%s digest of subscription %s for %s to %s: %d alerts, %s%s", frequency.id(),
                            subscription.id(), start, end, alertIds.size(), channel,
                            end.isBefore(latestEnd) ? " (caught up: the period ended while no instance ran)" : "");
                }
            }
        });
    }

    private Duration period(Subscription.Digest frequency) {
        return frequency == Subscription.Digest.HOURLY ? config.digest().hourly() : config.digest().daily();
    }

    /** The start of the period {@code time} falls in, periods being aligned to the epoch. */
    private static Instant periodStart(Instant time, Duration period) {
        long periodMillis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), periodMillis) * periodMillis);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
