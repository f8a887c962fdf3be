package io.policywatch.notify.alert;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.Topics;
import io.policywatch.notify.state.TopicBackedStore;

/**
 * The alerts raised so far, rebuilt from the alerts topic at start-up and followed afterwards: which (subscription,
 * document) pairs already alerted, so none alerts twice, and each subscription's history.
 * <p>
 * Everything is held in memory and grows with the number of alerts ever raised; the alerts topic keeps every record
 * (no compaction, no expiry), so a restart rebuilds all of it.
 */
@Singleton
public class AlertStore extends TopicBackedStore<AlertRaised> {

    private final Set<String> raised = ConcurrentHashMap.newKeySet();
    /** Subscription id → alert id → alert. */
    private final Map<String, Map<String, AlertRaised>> bySubscription = new ConcurrentHashMap<>();

    @Inject
    public AlertStore(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper mapper) {
        super(bootstrapServers, Topics.ALERTS, value -> mapper.readValue(value, AlertRaised.class));
    }

    public boolean isRaised(String alertId) {
        return raised.contains(alertId);
    }

    /**
     * Records an alert this instance just published, without waiting for the view to read it back: a document
     * redelivered right away must already see it.
     */
    public void remember(AlertRaised alert) {
        bySubscription.computeIfAbsent(alert.subscriptionId(), id -> new ConcurrentHashMap<>()).put(alert.id(), alert);
        raised.add(alert.id());
    }

    public Optional<AlertRaised> find(String subscriptionId, String alertId) {
        return Optional.ofNullable(bySubscription.getOrDefault(subscriptionId, Map.of()).get(alertId));
    }

    /** A subscription's alerts raised in {@code [start, end)}, oldest first. */
    public List<AlertRaised> raisedBetween(String subscriptionId, Instant start, Instant end) {
        return bySubscription.getOrDefault(subscriptionId, Map.of()).values().stream()
                .filter(alert -> alert.raisedAt() != null && !alert.raisedAt().isBefore(start)
                        && alert.raisedAt().isBefore(end))
                .sorted(Comparator.comparing(AlertRaised::raisedAt).thenComparing(AlertRaised::id))
                .toList();
    }

    /** A subscription's alerts, newest first. */
    public List<AlertRaised> history(String subscriptionId) {
        return bySubscription.getOrDefault(subscriptionId, Map.of()).values().stream()
                .sorted(Comparator.comparing(AlertRaised::raisedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** The record key is the subscription id; alerts are never tombstoned by this service. */
    @Override
    protected void apply(String subscriptionId, AlertRaised alert) {
        if (alert == null) {
            return;
        }
        if (alert.id() == null || !subscriptionId.equals(alert.subscriptionId())) {
            throw new IllegalArgumentException("not an alert of subscription " + subscriptionId);
        }
        remember(alert);
    }
}
