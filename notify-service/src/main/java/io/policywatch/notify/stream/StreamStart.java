package io.policywatch.notify.stream;

import java.time.Instant;

/** Where a new topic stream begins. */
public sealed interface StreamStart {

    /** After the records on the topic now: only what arrives from here on. */
    record Now() implements StreamStart {
    }

    /** At the first record written at or after a time (by record timestamp). */
    record Since(Instant time) implements StreamStart {
    }

    /** Where a client left off ({@code Last-Event-ID}); partitions it does not name start at their beginning. */
    record Resume(StreamPosition position) implements StreamStart {
    }

    /**
     * Picks the start a request asks for: its {@code Last-Event-ID} wins (an EventSource sends it on every
     * reconnection, with the URL of the first request, {@code since} included); else {@code since}; else now.
     *
     * @throws IllegalArgumentException naming the malformed value
     */
    static StreamStart of(String lastEventId, String since) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return new Resume(StreamPosition.parse(lastEventId));
        }
        if (since != null && !since.isBlank()) {
            try {
                return new Since(Instant.parse(since.trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "since '" + since + "' is not an ISO-8601 instant such as 2026-03-01T00:00:00Z");
            }
        }
        return new Now();
    }
}
