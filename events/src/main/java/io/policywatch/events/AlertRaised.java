package io.policywatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A subscription matched a document. Published on {@link Topics#ALERTS} keyed by subscription id.
 *
 * @param id derived from (subscription, document) by {@link #idFor}: a redelivered document never makes a
 *        second alert
 * @param passages the sentences that matched, with the hits marked
 */
public record AlertRaised(
        String id,
        String subscriptionId,
        String subscriptionName,
        String documentId,
        String documentTitle,
        String documentUrl,
        Instant raisedAt,
        List<MatchedPassage> passages) {

    /**
     * A sentence that holds a hit of the query, and why it counts.
     *
     * @param highlighted the sentence with each hit wrapped in {@code <mark>...</mark>}
     */
    public record MatchedPassage(
            int sentenceIndex,
            int start,
            int end,
            String text,
            String highlighted,
            List<String> domains,
            Stance stance) {
    }

    /** The alert id of a (subscription, document) pair: stable across replays and instances. */
    public static String idFor(String subscriptionId, String documentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((subscriptionId + "\n" + documentId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
