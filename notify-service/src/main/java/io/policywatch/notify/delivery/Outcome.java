package io.policywatch.notify.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt got.
 *
 * @param status the receiver's HTTP status, or null without one (no answer, or not HTTP)
 * @param retryAfter the pause the receiver asked for
 * @param error why it did not succeed, or null when it did
 */
public record Outcome(Integer status, Optional<Duration> retryAfter, String error) {

    public static Outcome succeeded() {
        return new Outcome(null, Optional.empty(), null);
    }

    public static Outcome failed(String error) {
        return new Outcome(null, Optional.empty(), error);
    }

    public boolean accepted() {
        return error == null;
    }
}
