package io.policywatch.events;

import java.util.List;

/**
 * The Kafka topics of the contract. Every topic is created explicitly (brokers run with
 * {@code auto.create.topics.enable=false}), so this list is the single place that says which exist.
 */
public final class Topics {

    public static final String DOCUMENTS_EXTRACTED = "documents.extracted";
    public static final String DOCUMENTS_CLASSIFIED = "documents.classified";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String ALERTS = "alerts";

    /** Where a consumer parks a record it cannot process, with {@code dead-letter-*} headers saying why. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** Every topic of the pipeline, with its retention policy. */
    public static List<TopicSpec> all() {
        return List.of(
                TopicSpec.deleting(DOCUMENTS_EXTRACTED),
                TopicSpec.deleting(DOCUMENTS_CLASSIFIED),
                TopicSpec.compacted(SUBSCRIPTIONS),
                // Alerts are the history behind GET /subscriptions/{id}/alerts and de-duplication: keep them.
                TopicSpec.compacted(ALERTS),
                TopicSpec.deleting(deadLetter(DOCUMENTS_EXTRACTED)),
                TopicSpec.deleting(deadLetter(DOCUMENTS_CLASSIFIED)),
                TopicSpec.deleting(deadLetter(SUBSCRIPTIONS)),
                TopicSpec.deleting(deadLetter(ALERTS)));
    }

    /** A topic and whether it is log-compacted (latest value per key) rather than time-retained. */
    public record TopicSpec(String name, boolean compacted) {
        static TopicSpec deleting(String name) {
            return new TopicSpec(name, false);
        }

        static TopicSpec compacted(String name) {
            return new TopicSpec(name, true);
        }
    }

    private Topics() {
    }
}
