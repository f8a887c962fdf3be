package io.policywatch.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.policywatch.notify.NotifyConfig;

/**
 * When a failed attempt is tried again: after the configured schedule's next pause, varied by the jitter, or after
 * what the receiver's {@code Retry-After} asked for, sooner or later than the schedule (up to a maximum). Once the
 * schedule is used up, never.
 */
@ApplicationScoped
public class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;

    @Inject
    public RetryPolicy(NotifyConfig config) {
        this(config.delivery().retrySchedule(), config.delivery().jitter(), config.delivery().maxRetryAfter());
    }

    RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("the jitter must be at least 0 and less than 1, not " + jitter);
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * @param failedAttempts the attempts of the current round that failed, the one just made included
     * @return when to try next, or empty when the delivery has used up its retries
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Optional<Duration> retryAfter, Instant now) {
        if (failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Duration pause = retryAfter
                .map(asked -> asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked)
                .orElseGet(() -> jittered(schedule.get(failedAttempts - 1)));
        return Optional.of(now.plus(pause));
    }

    /** Whether an HTTP answer (null for none: unreachable, timed out) may succeed when tried again. */
    public static boolean retryable(Integer status) {
        return status == null || status == 408 || status == 429 || status >= 500;
    }

    private Duration jittered(Duration pause) {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.round(pause.toMillis() * factor));
    }
}
