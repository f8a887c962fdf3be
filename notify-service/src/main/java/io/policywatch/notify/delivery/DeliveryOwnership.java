package io.policywatch.notify.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import io.policywatch.events.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Which subscriptions' deliveries this instance runs: those whose alerts it consumes. The alerts topic is keyed by
 * subscription id and the {@code notify-delivery} consumer group shares its partitions among the instances, so each
 * subscription has exactly one owner at a time; when an instance stops, its partitions, and with them its pending
 * deliveries and digests, move to another. Bound to the alerts channel as its rebalance listener.
 */
@ApplicationScoped
@Default
@Identifier(DeliveryOwnership.NAME)
public class DeliveryOwnership implements KafkaConsumerRebalanceListener {

    static final String NAME = "notify-delivery-ownership";

    private static final Logger LOG = Logger.getLogger(DeliveryOwnership.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final List<Runnable> assignmentListeners = new CopyOnWriteArrayList<>();
    private volatile int partitionCount;

    /** Whether this instance runs the subscription's deliveries now. */
    public boolean owns(String subscriptionId) {
        int partitions = partitionCount;
        return partitions > 0 && owned.contains(partitionFor(subscriptionId, partitions));
    }

    /** Calls the listener after partitions were assigned. It runs on the consumer's thread and must not block. */
    void onAssignment(Runnable listener) {
        assignmentListeners.add(listener);
    }

    /** The partition Kafka's producer puts a record with this key on (murmur2 of the key, as the default partitioner). */
    static int partitionFor(String subscriptionId, int partitions) {
        return Utils.toPositive(Utils.murmur2(subscriptionId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        partitionCount = consumer.partitionsFor(Topics.ALERTS).size();
        Set<Integer> assigned = ConcurrentHashMap.newKeySet();
        partitions.stream().filter(p -> p.topic().equals(Topics.ALERTS)).forEach(p -> assigned.add(p.partition()));
        owned.addAll(assigned);
        LOG.infof("Alerts partitions %s assigned: their subscriptions' deliveries run here (now %s)", assigned, owned);
        assignmentListeners.forEach(Runnable::run);
    }

    @Override
    public void onPartitionsRevoked(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
        LOG.infof("Alerts partitions %s revoked", partitions);
    }

    @Override
    public void onPartitionsLost(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
