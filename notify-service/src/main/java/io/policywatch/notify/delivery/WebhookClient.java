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

import io.policywatch.events.Subscription;
import io.policywatch.notify.NotifyConfig;

/** POSTs one signed webhook message (Standard Webhooks headers) and tells what the receiver answered. */
@ApplicationScoped
public class WebhookClient {

    private final NotifyConfig.Webhook config;
    private final HttpClient http;

    @Inject
    public WebhookClient(NotifyConfig config) {
        this.config = config.webhook();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @param messageId the {@code webhook-id}: the same for every attempt, so receivers can de-duplicate */
    public Outcome send(Subscription.Webhook webhook, String messageId, String body) throws InterruptedException {
        // Signed per attempt: receivers reject timestamps that are too old.
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "PolicyWatch-Webhooks/1")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", StandardWebhooks.signature(webhook.secret(), messageId, timestamp,
                            body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return Outcome.failed("not a usable URL: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return Outcome.http(response.statusCode(),
                    response.headers().firstValue("Retry-After").flatMap(WebhookClient::retryAfter));
        } catch (IOException e) {
            return Outcome.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
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
}
