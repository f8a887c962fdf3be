package io.policywatch.notify.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which deliveries retention forgets ({@link Delivery#expiredBefore}). */
class DeliveryRetentionRuleTest {

    private static final Instant CUTOFF = Instant.parse("2026-11-25T12:00:00Z");

    private static Delivery settled(Delivery.Status status, Delivery.DigestPeriod digest, Instant lastAttempt) {
        return Delivery.pending("d", "s", Delivery.Channel.WEBHOOK, List.of("a"), digest, lastAttempt.minusSeconds(5))
                .after(new Delivery.Attempt(1, lastAttempt, "http://127.0.0.1/hook", 204, null, 3, null), status);
    }

    @Test
    void aFinishedDeliveryExpiresOnceItsLastAttemptIsBeforeTheCutoffAPendingOneNever() {
        Instant before = CUTOFF.minusSeconds(1);
        assertTrue(settled(Delivery.Status.DELIVERED, null, before).expiredBefore(CUTOFF));
        assertTrue(settled(Delivery.Status.FAILED, null, before).expiredBefore(CUTOFF));
        assertTrue(settled(Delivery.Status.CANCELLED, null, before).expiredBefore(CUTOFF));
        assertFalse(settled(Delivery.Status.DELIVERED, null, CUTOFF).expiredBefore(CUTOFF));
        assertFalse(Delivery.pending("d", "s", Delivery.Channel.EMAIL, List.of("a"), null, before.minus(
                Duration.ofDays(400))).expiredBefore(CUTOFF));
    }

    @Test
    void aDigestIsKeptUntilThePeriodAfterItsOwnHasEndedHoweverShortTheRetention() {
        Instant dayEnd = Instant.parse("2026-11-25T00:00:00Z");
        Delivery.DigestPeriod day = new Delivery.DigestPeriod("daily", dayEnd.minus(Duration.ofDays(1)), dayEnd);
        Delivery sentAtDayEnd = settled(Delivery.Status.DELIVERED, day, dayEnd.plusSeconds(30));

        // Its last attempt is before the cutoff, yet the scheduler still looks at its day until the next one ends.
        assertFalse(sentAtDayEnd.expiredBefore(dayEnd.plus(Duration.ofHours(23))));
        assertTrue(sentAtDayEnd.expiredBefore(dayEnd.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(2))));
    }
}
