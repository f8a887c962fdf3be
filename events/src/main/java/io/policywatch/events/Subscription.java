package io.policywatch.events;

import java.time.Instant;
import java.util.List;

/**
 * A stored query and where its alerts go. Published on the compacted {@link Topics#SUBSCRIPTIONS} topic keyed
 * by {@link #id()}; a delete is a tombstone (null value).
 *
 * @param query Lucene classic syntax, matched case-insensitively against the document text
 * @param domains if not empty, a matching sentence must carry one of these domains
 * @param stance if set, a matching sentence must carry this stance
 * @param minScore if set, one of the filter's domains must reach this document-level score
 * @param webhook where alerts are POSTed, or null
 * @param email where alerts are mailed, or null
 */
public record Subscription(
        String id,
        String name,
        String query,
        List<String> domains,
        Stance stance,
        Double minScore,
        Webhook webhook,
        String email,
        boolean paused,
        Instant createdAt,
        Instant updatedAt) {

    /** A webhook endpoint. The secret signs deliveries ({@code whsec_...}). */
    public record Webhook(String url, String secret) {
    }
}
