package io.policywatch.classify.pipeline;

/** Reactive Messaging channel names (their Kafka settings are under mp.messaging.* in application.properties). */
public final class Channels {

    public static final String DOCUMENTS_EXTRACTED = "documents-extracted";
    public static final String DOCUMENTS_CLASSIFIED = "documents-classified";
    /** The worker pool documents are classified on; its size bounds how many are classified at once. */
    public static final String CLASSIFY_WORKERS = "classify-workers";

    private Channels() {
    }
}
