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
    /**
     * notify-service's own delivery state (pending retries, attempts, digests), keyed by delivery id, so that
     * pending deliveries survive a restart of notify-service as subscriptions do.
     */
    public static final String DELIVERIES = "deliveries";

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
                // Alerts are keyed by subscription, and every one of them is history (GET /subscriptions/{id}/alerts)
                // and de-duplication: compaction would keep only each subscription's latest, so keep them all.
                TopicSpec.keptForever(ALERTS),
                TopicSpec.compacted(DELIVERIES),
                TopicSpec.deleting(deadLetter(DOCUMENTS_EXTRACTED)),
                TopicSpec.deleting(deadLetter(DOCUMENTS_CLASSIFIED)),
                TopicSpec.deleting(deadLetter(SUBSCRIPTIONS)),
                TopicSpec.deleting(deadLetter(ALERTS)));
    }

    /** How a topic keeps its records. */
    public enum Retention {
        /** The broker's time-based retention. */
        TIME,
        /** Log compaction: the latest value per key, tombstones delete. */
        COMPACTED,
        /** Every record, for ever. */
        FOREVER
    }

    /** A topic and how it keeps its records. */
    public record TopicSpec(String name, Retention retention) {
        static TopicSpec deleting(String name) {
            return new TopicSpec(name, Retention.TIME);
        }

        static TopicSpec compacted(String name) {
            return new TopicSpec(name, Retention.COMPACTED);
        }

        static TopicSpec keptForever(String name) {
            return new TopicSpec(name, Retention.FOREVER);
        }
    }

    private Topics() {
    }
}
