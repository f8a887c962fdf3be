package io.policywatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class DeliveryOwnershipTest {

    @Test
    void aSubscriptionBelongsToThePartitionItsAlertsAreProducedTo() {
        for (int i = 0; i < 1000; i++) {
            String subscriptionId = UUID.randomUUID().toString();
            for (int partitions : new int[] { 1, 6, 7 }) {
                assertEquals(BuiltInPartitioner.partitionForKey(subscriptionId.getBytes(StandardCharsets.UTF_8),
                        partitions), DeliveryOwnership.partitionFor(subscriptionId, partitions));
            }
        }
    }
}
