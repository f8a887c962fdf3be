package io.policywatch.notify.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt got.
 *
 * @param status the receiver's HTTP status, or null without one (no answer, or not HTTP)
 * @param retryAfter the pause the receiver asked for
 * @param error why it did not succeed, or null when it did
 * @param permanent whether the receiver refused in a way that trying again cannot change (HTTP 400, SMTP 550...):
 *        such a delivery fails at once instead of being retried
 */
public record Outcome(Integer status, Optional<Duration> retryAfter, String error, boolean permanent) {

    public static Outcome succeeded() {
        return new Outcome(null, Optional.empty(), null, false);
    }

    /** A failure that may pass: no answer, a timeout, a temporary refusal. */
    public static Outcome failed(String error) {
        return new Outcome(null, Optional.empty(), error, false);
    }

    /** A refusal that would be repeated on every attempt. */
    public static Outcome refused(String error) {
        return new Outcome(null, Optional.empty(), error, true);
    }

    /** An HTTP answer: 2xx succeeded; what else is retried is up to {@link RetryPolicy#retryable}. */
    public static Outcome http(int status, Optional<Duration> retryAfter) {
        boolean ok = status >= 200 && status < 300;
        return new Outcome(status, retryAfter, ok ? null : "HTTP " + status, !ok && !RetryPolicy.retryable(status));
    }

    public boolean accepted() {
        return error == null;
    }
}
