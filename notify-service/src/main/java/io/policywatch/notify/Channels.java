package io.policywatch.notify;

/** Reactive Messaging channel names; application.properties binds each to its topic. */
public final class Channels {

    /** The CloudEvents {@code ce_source} of every event this service publishes. */
    public static final String EVENT_SOURCE = "/policywatch/notify-service";

    /** Subscription records and tombstones, published to the compacted subscriptions topic. */
    public static final String SUBSCRIPTIONS_OUT = "subscriptions-out";
    /** Classified documents to match against the subscriptions (consumer group notify-matcher). */
    public static final String DOCUMENTS_IN = "documents-in";
    /** Raised alerts, published to the alerts topic. */
    public static final String ALERTS_OUT = "alerts-out";
    /** Raised alerts to deliver to their subscription's webhook and e-mail address (consumer group notify-delivery). */
    public static final String ALERTS_IN = "alerts-in";
    /** Delivery states (pending, attempts, outcome), published to the compacted deliveries topic. */
    public static final String DELIVERIES_OUT = "deliveries-out";

    private Channels() {
    }
}
