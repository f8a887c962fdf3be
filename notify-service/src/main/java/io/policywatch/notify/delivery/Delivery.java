package io.policywatch.notify.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The state of one message to one destination of a subscription: an alert (or a digest of alerts) to its webhook or
 * e-mail address. Kept on the compacted deliveries topic, keyed by {@link #id()}, so that pending deliveries, their
 * attempts and the digests already sent survive a restart.
 *
 * @param id the message id (the webhook's {@code webhook-id}): the same on every attempt and replay
 * @param alertIds the alerts the message carries: one, or a digest's
 * @param digest the digest period the message covers, or null for an alert delivered on its own
 * @param nextAttemptAt when a pending delivery is tried next; null once it is settled
 * @param roundAttempts the attempts since the delivery was created or last replayed: where its retry schedule is
 * @param attempts every attempt, oldest first (at most {@value #MAX_ATTEMPTS_KEPT})
 * @param revision grows with every change, so that a stale copy never overwrites a newer one
 */
public record Delivery(
        String id,
        String subscriptionId,
        Channel channel,
        List<String> alertIds,
        DigestPeriod digest,
        Status status,
        Instant createdAt,
        Instant nextAttemptAt,
        int roundAttempts,
        List<Attempt> attempts,
        long revision) {

    static final int MAX_ATTEMPTS_KEPT = 50;

    public enum Channel {
        WEBHOOK,
        EMAIL
    }

    public enum Status {
        /** Waiting for its next attempt. */
        PENDING,
        DELIVERED,
        /** Given up: refused, gone, or out of retries. Can be replayed. */
        FAILED,
        /** Its destination was removed (the subscription, its webhook or its e-mail address) before it got there. */
        CANCELLED
    }

    /** The period a digest covers: {@code [start, end)}. */
    public record DigestPeriod(String frequency, Instant start, Instant end) {
    }

    /**
     * One try.
     *
     * @param target the URL or e-mail address tried
     * @param status the receiver's HTTP status, or null when there was no HTTP answer
     * @param error why the attempt did not succeed, or null when it did
     * @param durationMs from sending to the end of the answer's headers (or the failure)
     * @param nextAttemptAt when the delivery is tried again, or null when this attempt settled it
     */
    public record Attempt(int number, Instant attemptedAt, String target, Integer status, String error,
            long durationMs, Instant nextAttemptAt) {
    }

    /** A new delivery, due now. */
    public static Delivery pending(String id, String subscriptionId, Channel channel, List<String> alertIds,
            DigestPeriod digest, Instant now) {
        return new Delivery(id, subscriptionId, channel, List.copyOf(alertIds), digest, Status.PENDING, now, now, 0,
                List.of(), 0);
    }

    /**
     * The id of an alert's own delivery: the alert id itself for a webhook (receivers de-duplicate on it), derived
     * from it for other channels.
     */
    public static String idFor(Channel channel, String alertId) {
        return channel == Channel.WEBHOOK ? alertId : channel.name().toLowerCase() + "-" + alertId;
    }

    /** The id of a subscription's digest of one period on one channel. */
    public static String digestIdFor(Channel channel, String subscriptionId, Instant periodStart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((channel + "\n" + subscriptionId + "\n"
                    + periodStart).getBytes(StandardCharsets.UTF_8));
            return "digest-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** This delivery after an attempt that settled it or set its next attempt. */
    Delivery after(Attempt attempt, Status newStatus) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        if (all.size() > MAX_ATTEMPTS_KEPT) {
            all.subList(0, all.size() - MAX_ATTEMPTS_KEPT).clear();
        }
        return new Delivery(id, subscriptionId, channel, alertIds, digest, newStatus, createdAt,
                newStatus == Status.PENDING ? attempt.nextAttemptAt() : null, roundAttempts + 1, List.copyOf(all),
                revision + 1);
    }

    /** Due again now, with its retry schedule started over; its id, and so its webhook-id, stays. */
    Delivery replayed(Instant now) {
        return new Delivery(id, subscriptionId, channel, alertIds, digest, Status.PENDING, createdAt, now, 0,
                attempts, revision + 1);
    }

    /**
     * Whether retention may forget this delivery: it is finished and was last active before the cutoff. A digest is
     * kept besides until a period after its own has ended, and a minute more (the digest scheduler waits up to half a
     * minute for late alerts): while the scheduler may still look at its period, forgetting it would send it again.
     */
    boolean expiredBefore(Instant cutoff) {
        if (status == Status.PENDING || !lastActivity().isBefore(cutoff)) {
            return false;
        }
        return digest == null || digest.end().plus(Duration.between(digest.start(), digest.end()))
                .plus(Duration.ofMinutes(1)).isBefore(cutoff);
    }

    /** The latest attempt's time, or the creation time before any. */
    Instant lastActivity() {
        return attempts.isEmpty() ? createdAt : attempts.get(attempts.size() - 1).attemptedAt();
    }

    int attemptCount() {
        return attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1).number();
    }
}
