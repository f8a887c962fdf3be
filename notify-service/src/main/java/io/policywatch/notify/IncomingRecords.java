package io.policywatch.notify;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * The incoming channels run with {@code fail-on-deserialization-failure=false}: a record that is not JSON of the
 * expected type arrives with a null value and the failure in its headers, instead of stopping the consumer. It is
 * then refused here, and the dead-letter queue keeps its original bytes with the reason.
 */
public final class IncomingRecords {

    /**
     * @throws IllegalArgumentException saying why the record has no usable value
     */
    public static <T> T requireValue(ConsumerRecord<String, T> record, String expected) {
        if (record.value() != null) {
            return record.value();
        }
        Header failure = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        if (failure != null && failure.value() != null) {
            throw new IllegalArgumentException("not " + expected + ": "
                    + new String(failure.value(), StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("not " + expected + ": the record has no value");
    }

    private IncomingRecords() {
    }
}
