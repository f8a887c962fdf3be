package io.policywatch.ingest.publishing;

/** The reactive-messaging channels of ingest-service; application.properties maps each to its topic. */
public final class Channels {

    /** Outgoing, to {@link io.policywatch.events.Topics#DOCUMENTS_EXTRACTED}. */
    public static final String DOCUMENTS_EXTRACTED = "documents-extracted";

    private Channels() {
    }
}
