package io.policywatch.notify.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.events.Subscription;
import io.policywatch.notify.NotifyConfig;

/**
 * POSTs signed webhook messages (Standard Webhooks headers), retrying a few times with a doubling pause when the
 * receiver is unreachable, slow, overloaded (408, 429) or failing (5xx); a {@code Retry-After} answer sets the
 * pause instead, sooner or later than the schedule. 410 means the endpoint is gone; other answers are final.
 * Every attempt is recorded in the {@link DeliveryLog}.
 */
@ApplicationScoped
public class WebhookClient {

    private static final Logger LOG = Logger.getLogger(WebhookClient.class);

    private final NotifyConfig.Webhook config;
    private final HttpClient http;
    private final MeterRegistry metrics;
    private final DeliveryLog log;

    @Inject
    public WebhookClient(NotifyConfig config, MeterRegistry metrics, DeliveryLog log) {
        this.config = config.webhook();
        this.metrics = metrics;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What one attempt got: the status (null without an answer), the asked pause, or the failure. */
    private record Outcome(Integer status, Optional<Duration> retryAfter, String error) {
    }

    /**
     * @param messageId the {@code webhook-id}: the same for every attempt, so receivers can de-duplicate
     * @throws WebhookGoneException when the receiver answered 410
     * @throws WebhookDeliveryException when no attempt was accepted
     */
    public void deliver(String subscriptionId, Subscription.Webhook webhook, String messageId, String body)
            throws InterruptedException {
        Duration backoff = config.firstBackoff();
        String lastOutcome = "not attempted";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Instant attemptedAt = Instant.now();
            long started = System.nanoTime();
            Outcome outcome = send(webhook, messageId, body);
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            log.record(subscriptionId, new DeliveryAttempt(messageId, webhook.url(), attempt, attemptedAt,
                    outcome.status(), outcome.error(), durationMs));
            Integer status = outcome.status();
            if (status != null && status >= 200 && status < 300) {
                count("delivered");
                LOG.infof("Webhook %s delivered to %s (HTTP %d, attempt %d)", messageId, webhook.url(), status,
                        attempt);
                return;
            }
            lastOutcome = outcome.error();
            if (status != null && status == 410) {
                count("gone");
                throw new WebhookGoneException("webhook " + webhook.url() + " is gone (HTTP 410)");
            }
            if (status != null && !retryable(status)) {
                count("refused");
                throw new WebhookDeliveryException(
                        "webhook " + webhook.url() + " refused " + messageId + " with " + lastOutcome);
            }
            LOG.warnf("Webhook %s to %s failed on attempt %d of %d: %s", messageId, webhook.url(), attempt,
                    config.maxAttempts(), lastOutcome);
            if (attempt == config.maxAttempts()) {
                break;
            }
            Duration pause = outcome.retryAfter().orElse(backoff);
            if (pause.compareTo(config.maxRetryAfter()) > 0) {
                lastOutcome += "; asked to retry after " + pause.toSeconds() + " s, longer than this instance waits ("
                        + config.maxRetryAfter().toSeconds() + " s)";
                break;
            }
            Thread.sleep(pause.toMillis());
            backoff = backoff.multipliedBy(2);
        }
        count("failed");
        throw new WebhookDeliveryException("webhook " + webhook.url() + " did not accept " + messageId + "; last: "
                + lastOutcome);
    }

    private Outcome send(Subscription.Webhook webhook, String messageId, String body) throws InterruptedException {
        // Signed per attempt: receivers reject timestamps that are too old.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "PolicyWatch-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", StandardWebhooks.signature(webhook.secret(), messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, response.headers().firstValue("Retry-After").flatMap(WebhookClient::retryAfter),
                    status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (IOException e) {
            return new Outcome(null, Optional.empty(),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** {@code Retry-After} is either delay-seconds or an HTTP date (RFC 9110); anything else is ignored. */
    static Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private void count(String outcome) {
        metrics.counter("policywatch.notify.webhook.deliveries", "outcome", outcome).increment();
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
