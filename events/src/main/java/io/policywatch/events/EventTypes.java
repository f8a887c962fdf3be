package io.policywatch.events;

/** CloudEvents {@code ce_type} values. Versioned: a breaking change to a payload gets a new type. */
public final class EventTypes {

    public static final String DOCUMENT_EXTRACTED = "policywatch.document.extracted.v1";
    public static final String DOCUMENT_CLASSIFIED = "policywatch.document.classified.v1";
    public static final String SUBSCRIPTION_CHANGED = "policywatch.subscription.changed.v1";
    public static final String ALERT_RAISED = "policywatch.alert.raised.v1";

    private EventTypes() {
    }
}
