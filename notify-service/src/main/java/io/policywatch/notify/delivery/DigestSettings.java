package io.policywatch.notify.delivery;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Topics;
import io.policywatch.notify.Channels;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.state.MaterializedTopicView;
import io.policywatch.support.messaging.CloudEvents;
import io.policywatch.support.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Which subscriptions get their alerts as a digest (hourly or daily) rather than one by one. The event contract's
 * {@code Subscription} has no field for it yet, so notify-service keeps the setting itself, on the compacted
 * deliveries topic under the key {@code digest-setting-<subscription id>} (a tombstone means immediate).
 */
@Singleton
public class DigestSettings implements AutoCloseable {

    /** Keys of digest settings on the deliveries topic start with this; delivery ids never do. */
    public static final String KEY_PREFIX = "digest-setting-";
    public static final String EVENT_TYPE = "policywatch.notify.digest-setting.changed.v1";

    /** How often a subscription's alerts are sent together. */
    public enum Frequency {
        HOURLY,
        DAILY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException when the text names no frequency */
        public static Frequency fromId(String id) {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The value of a setting record. */
    public record DigestSetting(String subscriptionId, Frequency frequency) {
    }

    private final Map<String, Frequency> bySubscription = new ConcurrentHashMap<>();
    private final MaterializedTopicView<DigestSetting> view;
    private final NotifyConfig config;

    @Inject
    @Channel(Channels.DIGEST_SETTINGS_OUT)
    MutinyEmitter<DigestSetting> emitter;

    @Inject
    public DigestSettings(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper mapper, NotifyConfig config) {
        this.config = config;
        this.view = new MaterializedTopicView<>(bootstrapServers, Topics.DELIVERIES,
                value -> mapper.readValue(value, DigestSetting.class), this::apply);
    }

    void onStart(@Observes StartupEvent event) {
        view.start();
    }

    @PreDestroy
    @Override
    public void close() {
        view.close();
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return view.awaitLoaded(timeout);
    }

    public Optional<Frequency> frequency(String subscriptionId) {
        return Optional.ofNullable(bySubscription.get(subscriptionId));
    }

    public Map<String, Frequency> all() {
        return Map.copyOf(bySubscription);
    }

    /**
     * Stores the subscription's digest frequency (empty: immediate delivery) and waits for Kafka's acknowledgement.
     *
     * @throws ProblemException 503 when Kafka did not acknowledge it in time
     */
    public void set(String subscriptionId, Optional<Frequency> frequency) {
        if (frequency(subscriptionId).equals(frequency)) {
            return;
        }
        DigestSetting setting = frequency.map(f -> new DigestSetting(subscriptionId, f)).orElse(null);
        try {
            emitter.sendMessage(CloudEvents.message(setting, KEY_PREFIX + subscriptionId,
                    UUID.randomUUID().toString(), EVENT_TYPE, Channels.EVENT_SOURCE))
                    .await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "the digest setting could not be stored: Kafka did not acknowledge it (" + e.getMessage() + ")", e);
        }
        apply(KEY_PREFIX + subscriptionId, setting);
    }

    private void apply(String key, DigestSetting setting) {
        if (!key.startsWith(KEY_PREFIX)) {
            return;
        }
        String subscriptionId = key.substring(KEY_PREFIX.length());
        if (setting == null || setting.frequency() == null) {
            bySubscription.remove(subscriptionId);
        } else {
            bySubscription.put(subscriptionId, setting.frequency());
        }
    }
}
