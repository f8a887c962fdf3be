package io.policywatch.notify.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.events.Subscription;
import io.policywatch.notify.NotifyConfig;

/**
 * POSTs signed webhook messages (Standard Webhooks headers), retrying a few times with a doubling pause when the
 * receiver is unreachable, slow, overloaded (408, 429) or failing (5xx). Other answers are final.
 */
@ApplicationScoped
public class WebhookClient {

    private static final Logger LOG = Logger.getLogger(WebhookClient.class);

    private final NotifyConfig.Webhook config;
    private final HttpClient http;
    private final MeterRegistry metrics;

    @Inject
    public WebhookClient(NotifyConfig config, MeterRegistry metrics) {
        this.config = config.webhook();
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param messageId the {@code webhook-id}: the same for every attempt, so receivers can de-duplicate
     * @throws WebhookDeliveryException when no attempt was accepted
     */
    public void deliver(Subscription.Webhook webhook, String messageId, String body) throws InterruptedException {
        Duration backoff = config.firstBackoff();
        String lastOutcome = "not attempted";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
            try {
                int status = send(webhook, messageId, body);
                if (status >= 200 && status < 300) {
                    count("delivered");
                    LOG.infof("Webhook %s delivered to %s (HTTP %d, attempt %d)", messageId, webhook.url(), status,
                            attempt);
                    return;
                }
                lastOutcome = "HTTP " + status;
                if (!retryable(status)) {
                    count("refused");
                    throw new WebhookDeliveryException(
                            "webhook " + webhook.url() + " refused " + messageId + " with " + lastOutcome);
                }
            } catch (IOException e) {
                lastOutcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            LOG.warnf("Webhook %s to %s failed on attempt %d of %d: %s", messageId, webhook.url(), attempt,
                    config.maxAttempts(), lastOutcome);
        }
        count("failed");
        throw new WebhookDeliveryException("webhook " + webhook.url() + " did not accept " + messageId + " in "
                + config.maxAttempts() + " attempts; last: " + lastOutcome);
    }

    private int send(Subscription.Webhook webhook, String messageId, String body)
            throws IOException, InterruptedException {
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
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void count(String outcome) {
        metrics.counter("policywatch.notify.webhook.deliveries", "outcome", outcome).increment();
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
