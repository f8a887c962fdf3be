package io.policywatch.notify.delivery;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Topics;
import io.policywatch.notify.Channels;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.state.TopicBackedStore;
import io.policywatch.support.messaging.CloudEvents;
import io.policywatch.support.problem.ProblemException;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Every delivery's latest state, as the compacted deliveries topic holds it: rebuilt at start-up, followed
 * afterwards, and written through {@link #save} before anything acts on a change. Held in memory; finished deliveries
 * older than the retention are not listed, and {@link DeliveryRetention} deletes them with a tombstone.
 */
@Singleton
public class DeliveryStore extends TopicBackedStore<Delivery> {

    /** The CloudEvents {@code ce_type} of a delivery-state record; notify-service is its only reader. */
    public static final String EVENT_TYPE = "policywatch.notify.delivery.changed.v1";

    private final Map<String, Delivery> byId = new ConcurrentHashMap<>();
    private final NotifyConfig config;
    private final List<Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();

    @Inject
    @Channel(Channels.DELIVERIES_OUT)
    MutinyEmitter<Delivery> emitter;

    @Inject
    public DeliveryStore(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper mapper, NotifyConfig config) {
        super(bootstrapServers, Topics.DELIVERIES, value -> mapper.readValue(value, Delivery.class));
        this.config = config;
    }

    /**
     * Writes the delivery's new state and waits for Kafka's acknowledgement: what is acted on afterwards (an attempt,
     * an acknowledged alert) is durable first.
     *
     * @throws RuntimeException when Kafka did not acknowledge it in time
     */
    public Delivery save(Delivery delivery) {
        emitter.sendMessage(CloudEvents.message(delivery, delivery.id(), delivery.id() + "/" + delivery.revision(),
                EVENT_TYPE, Channels.EVENT_SOURCE)).await().atMost(config.publishTimeout());
        apply(delivery.id(), delivery);
        return delivery;
    }

    /**
     * Deletes the delivery from the topic with a tombstone (compaction then drops it) and from here, once Kafka
     * acknowledged it.
     *
     * @throws RuntimeException when Kafka did not acknowledge it in time
     */
    public void remove(String id) {
        emitter.sendMessage(CloudEvents.message(null, id, id + "/removed", EVENT_TYPE, Channels.EVENT_SOURCE))
                .await().atMost(config.publishTimeout());
        apply(id, null);
    }

    /**
     * Calls the listener with every newer state of a delivery this store learns of, written here or by another
     * instance. It runs on the thread that learnt of it and must not block.
     */
    public void addListener(Consumer<Delivery> listener) {
        listeners.add(listener);
    }

    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The delivery of a subscription, unless retention forgot it, or a 404 problem for the request that named it. */
    public Delivery require(String subscriptionId, String id) {
        Instant cutoff = retentionCutoff();
        return find(id).filter(delivery -> delivery.subscriptionId().equals(subscriptionId))
                .filter(delivery -> !delivery.expiredBefore(cutoff))
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND,
                        "subscription " + subscriptionId + " has no delivery " + id));
    }

    /** A subscription's deliveries that retention has not forgotten, the latest activity first. */
    public List<Delivery> forSubscription(String subscriptionId) {
        Instant cutoff = retentionCutoff();
        return byId.values().stream()
                .filter(delivery -> delivery.subscriptionId().equals(subscriptionId))
                .filter(delivery -> !delivery.expiredBefore(cutoff))
                .sorted(Comparator.comparing(Delivery::lastActivity).reversed().thenComparing(Delivery::id))
                .toList();
    }

    public List<Delivery> pending() {
        return byId.values().stream().filter(delivery -> delivery.status() == Delivery.Status.PENDING).toList();
    }

    /** The deliveries retention forgets now, deleted from the topic or not yet. */
    public List<Delivery> expired() {
        Instant cutoff = retentionCutoff();
        return byId.values().stream().filter(delivery -> delivery.expiredBefore(cutoff)).toList();
    }

    private Instant retentionCutoff() {
        return Instant.now().minus(config.delivery().retention());
    }

    /** The failed deliveries of a subscription whose last attempt was at or after {@code since}. */
    public List<Delivery> failedSince(String subscriptionId, Instant since) {
        return forSubscription(subscriptionId).stream()
                .filter(delivery -> delivery.status() == Delivery.Status.FAILED)
                .filter(delivery -> !delivery.lastActivity().isBefore(since))
                .toList();
    }

    /** Keeps the newest revision: the view may read an older write back after this instance saved a newer one. */
    @Override
    protected void apply(String id, Delivery delivery) {
        if (delivery == null) {
            byId.remove(id);
            return;
        }
        if (!id.equals(delivery.id()) || delivery.subscriptionId() == null || delivery.status() == null
                || delivery.channel() == null) {
            throw new IllegalArgumentException("not a delivery state keyed by its id");
        }
        Delivery current = byId.merge(id, delivery,
                (known, incoming) -> incoming.revision() > known.revision() ? incoming : known);
        if (current == delivery) {
            listeners.forEach(listener -> listener.accept(delivery));
        }
    }
}
