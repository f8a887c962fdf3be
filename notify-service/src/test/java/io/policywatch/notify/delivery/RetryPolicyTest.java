package io.policywatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(10), Duration.ofMinutes(10)), 0.2,
            Duration.ofHours(1));

    @Test
    void eachFailureWaitsTheSchedulesNextPauseWithinTheJitterUntilTheScheduleIsUsedUp() {
        for (int i = 0; i < 100; i++) {
            Duration first = Duration.between(NOW, policy.nextAttempt(1, Optional.empty(), NOW).orElseThrow());
            assertTrue(first.compareTo(Duration.ofSeconds(8)) >= 0 && first.compareTo(Duration.ofSeconds(12)) <= 0,
                    first.toString());
            Duration second = Duration.between(NOW, policy.nextAttempt(2, Optional.empty(), NOW).orElseThrow());
            assertTrue(second.compareTo(Duration.ofMinutes(8)) >= 0 && second.compareTo(Duration.ofMinutes(12)) <= 0,
                    second.toString());
        }
        assertEquals(Optional.empty(), policy.nextAttempt(3, Optional.empty(), NOW));
    }

    @Test
    void retryAfterIsHonouredSoonerOrLaterThanTheScheduleUpToTheMaximum() {
        assertEquals(Optional.of(NOW), policy.nextAttempt(2, Optional.of(Duration.ZERO), NOW));
        assertEquals(Optional.of(NOW.plusSeconds(1800)), policy.nextAttempt(1, Optional.of(Duration.ofMinutes(30)),
                NOW));
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))),
                policy.nextAttempt(1, Optional.of(Duration.ofDays(2)), NOW));
        assertEquals(Optional.empty(), policy.nextAttempt(3, Optional.of(Duration.ZERO), NOW));
    }

    @Test
    void onlyNoAnswerTimeoutsThrottlingAndServerErrorsAreRetried() {
        assertTrue(RetryPolicy.retryable(null));
        assertTrue(RetryPolicy.retryable(408));
        assertTrue(RetryPolicy.retryable(429));
        assertTrue(RetryPolicy.retryable(503));
        assertFalse(RetryPolicy.retryable(400));
        assertFalse(RetryPolicy.retryable(404));
        assertFalse(RetryPolicy.retryable(410));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), WebhookClient.retryAfter(" 120 "));
        assertEquals(Optional.of(Duration.ZERO), WebhookClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(Optional.empty(), WebhookClient.retryAfter("soon"));
    }
}
