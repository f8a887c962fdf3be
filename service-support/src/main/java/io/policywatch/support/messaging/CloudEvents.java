package io.policywatch.support.messaging;

import java.net.URI;
import java.time.ZonedDateTime;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds outgoing Kafka messages in the contract's envelope: CloudEvents in binary mode ({@code ce_*} headers,
 * JSON payload), keyed by the entity the event is about.
 */
public final class CloudEvents {

    /**
     * @param key the record key (document id, subscription id): it decides the partition and so the ordering
     * @param eventId the CloudEvents id; consumers de-duplicate on it
     * @param type one of {@link io.policywatch.events.EventTypes}
     * @param source the producing service, e.g. "/policywatch/ingest-service"
     */
    public static <T> Message<T> message(T payload, String key, String eventId, String type, String source) {
        OutgoingCloudEventMetadata<T> cloudEvent = OutgoingCloudEventMetadata.<T> builder()
                .withId(eventId)
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(key)
                .withDataContentType("application/json")
                .withTimestamp(ZonedDateTime.now())
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(key)
                .build();
        return Message.of(payload, Metadata.of(cloudEvent, record));
    }

    private CloudEvents() {
    }
}
