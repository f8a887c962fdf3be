package io.policywatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

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
 * @param digest whether alerts go out one by one or gathered per hour or day; never null (records written before
 *        the field existed read as {@link Digest#IMMEDIATE})
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
        Digest digest,
        boolean paused,
        Instant createdAt,
        Instant updatedAt) {

    public Subscription {
        digest = digest == null ? Digest.IMMEDIATE : digest;
    }

    /** A webhook endpoint. The secret signs deliveries ({@code whsec_...}). */
    public record Webhook(String url, String secret) {
    }

    /** How often a subscription's alerts are sent: each on its own, or one message per hour or day listing them. */
    public enum Digest {
        @JsonProperty("immediate")
        IMMEDIATE,
        @JsonProperty("hourly")
        HOURLY,
        @JsonProperty("daily")
        DAILY;

        /** The JSON name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a JSON name, case-insensitively. */
        public static Digest fromId(String id) {
            for (Digest digest : values()) {
                if (digest.id().equalsIgnoreCase(id.trim())) {
                    return digest;
                }
            }
            throw new IllegalArgumentException("unknown digest '" + id + "' (expected immediate, hourly or daily)");
        }
    }
}
