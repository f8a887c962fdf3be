package io.policywatch.notify.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.Timers;
import io.policywatch.notify.state.TopicBackedStore;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the compacted deliveries topic from growing without bound: deletes, with a tombstone, each finished delivery
 * (delivered, failed, cancelled) whose last attempt is older than {@code policywatch.notify.delivery.retention}
 * ({@link Delivery#expiredBefore} has the exact rule). The instance that owns a subscription ({@link DeliveryOwnership})
 * deletes its deliveries: at start-up, whenever partitions move here, and every tenth of the retention (at most five
 * minutes apart).
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(5);

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryOwnership ownership;

    @Inject
    NotifyConfig config;

    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        Duration interval = Timers.clamp(config.delivery().retention().dividedBy(10), MIN_INTERVAL, MAX_INTERVAL);
        timer = Timers.timer("delivery-retention");
        ownership.onAssignment(() -> timer.execute(this::removeExpired));
        timer.scheduleWithFixedDelay(this::removeExpired, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void removeExpired() {
        try {
            TopicBackedStore.awaitAllLoaded("retention", store);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<Delivery> expired = store.expired().stream()
                .filter(delivery -> ownership.owns(delivery.subscriptionId()))
                .toList();
        try {
            expired.forEach(delivery -> store.remove(delivery.id()));
            if (!expired.isEmpty()) {
                LOG.infof("%d finished deliveries older than %s removed", expired.size(),
                        config.delivery().retention());
            }
        } catch (RuntimeException e) {
            // The next round deletes what is left.
            LOG.errorf(e, "Expired deliveries could not all be removed: Kafka did not acknowledge a tombstone");
        }
    }
}
