package io.policywatch.notify.delivery;

import java.time.Instant;

/**
 * One try to deliver an alert to a webhook.
 *
 * @param status the receiver's HTTP status, or null when there was no answer
 * @param error why the attempt did not succeed, or null when it did
 * @param durationMs from sending the request to the end of the answer's headers (or the failure)
 */
public record DeliveryAttempt(String alertId, String url, int attempt, Instant attemptedAt, Integer status,
        String error, long durationMs) {
}
