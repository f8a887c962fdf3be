package io.policywatch.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Stance;
import io.policywatch.events.Subscription;
import io.policywatch.events.Topics;
import io.policywatch.testing.TopicWriter;
import io.policywatch.testing.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What an earlier run of notify-service left behind when it stopped, written to Kafka before the application under
 * test starts:
 * <ul>
 * <li>a subscription with a webhook, an alert, and that alert's delivery pending after a failed first attempt: the
 * application must pick the delivery up at start-up and make it with the same webhook-id;</li>
 * <li>two daily-digest subscriptions with an alert each in the latest ended day; the earlier run sent the first
 * one's digest already (a delivered digest delivery), not the second's: only the second must be sent now;</li>
 * <li>an hourly-digest subscription (the test hour is 4 s) with an alert in a period that ended while no instance ran,
 * not the latest one, and an alert two hours old, beyond the catch-up (the test retention, 1 h): only the first
 * period's digest must be sent, once;</li>
 * <li>finished deliveries older than the test retention (1 h), which must be deleted, besides a recent one and an old
 * pending one, which must be kept.</li>
 * </ul>
 */
public class PendingDeliveryTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PATH = "/hooks/after-restart";
    static final String DIGEST_SENT_PATH = "/hooks/digest-sent-before-restart";
    static final String DIGEST_DUE_PATH = "/hooks/digest-due-after-restart";
    static final String DIGEST_MISSED_PATH = "/hooks/digest-missed-while-down";
    static final String RETENTION_PATH = "/hooks/retention";
    /** The scheduler's wait for late alerts with a daily period (see DigestScheduler). */
    private static final Duration DAILY_GRACE = Duration.ofSeconds(30);
    /** The test profile's "hourly" period. */
    private static final Duration TEST_HOUR = Duration.ofSeconds(4);

    private static WebhookReceiver receiver;
    private static Subscription subscription;
    private static AlertRaised alert;
    private static String dueDigestId;
    private static AlertRaised missedAlert;
    private static String missedDigestId;
    private static Subscription retained;
    private static List<String> expiredDeliveryIds;
    private static List<String> keptDeliveryIds;

    private ObjectMapper mapper;

    static WebhookReceiver receiver() {
        return receiver;
    }

    static Subscription subscription() {
        return subscription;
    }

    static AlertRaised alert() {
        return alert;
    }

    static String dueDigestId() {
        return dueDigestId;
    }

    /** The alert raised in the digest period that ended while no instance ran. */
    static AlertRaised missedAlert() {
        return missedAlert;
    }

    /** The subscription whose deliveries are past the retention or not. */
    static Subscription retained() {
        return retained;
    }

    static String missedDigestId() {
        return missedDigestId;
    }

    static List<String> expiredDeliveryIds() {
        return expiredDeliveryIds;
    }

    static List<String> keptDeliveryIds() {
        return keptDeliveryIds;
    }

    @Override
    public Map<String, String> start() {
        mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        receiver = WebhookReceiver.start();
        Instant stoppedAt = Instant.now().minusSeconds(60);
        subscription = subscription(PATH, stoppedAt.minusSeconds(60));
        alert = alert(subscription, stoppedAt.minusSeconds(5));
        Delivery pending = new Delivery(alert.id(), subscription.id(), Delivery.Channel.WEBHOOK, List.of(alert.id()),
                null, Delivery.Status.PENDING, stoppedAt.minusSeconds(5), stoppedAt.plusSeconds(5), 1,
                List.of(new Delivery.Attempt(1, stoppedAt.minusSeconds(5), receiver.url(PATH), 503, "HTTP 503", 12,
                        stoppedAt.plusSeconds(5))),
                1);
        send(Topics.SUBSCRIPTIONS, subscription.id(), subscription, EventTypes.SUBSCRIPTION_CHANGED);
        send(Topics.ALERTS, subscription.id(), alert, EventTypes.ALERT_RAISED);
        send(Topics.DELIVERIES, pending.id(), pending, DeliveryStore.EVENT_TYPE);

        long day = Duration.ofDays(1).toMillis();
        Instant dayEnd = Instant.ofEpochMilli(Math.floorDiv(Instant.now().minus(DAILY_GRACE).toEpochMilli(), day) * day);
        Instant dayStart = dayEnd.minusMillis(day);
        Subscription sent = dailyDigest(DIGEST_SENT_PATH, dayStart);
        AlertRaised sentAlert = alert(sent, dayStart.plusSeconds(3600));
        send(Topics.ALERTS, sent.id(), sentAlert, EventTypes.ALERT_RAISED);
        String sentDigestId = Delivery.digestIdFor(Delivery.Channel.WEBHOOK, sent.id(), dayStart);
        Delivery delivered = new Delivery(sentDigestId, sent.id(), Delivery.Channel.WEBHOOK, List.of(sentAlert.id()),
                new Delivery.DigestPeriod("daily", dayStart, dayEnd), Delivery.Status.DELIVERED, dayEnd, null, 1,
                List.of(new Delivery.Attempt(1, dayEnd, receiver.url(DIGEST_SENT_PATH), 204, null, 9, null)), 1);
        send(Topics.DELIVERIES, delivered.id(), delivered, DeliveryStore.EVENT_TYPE);
        Subscription due = dailyDigest(DIGEST_DUE_PATH, dayStart);
        send(Topics.ALERTS, due.id(), alert(due, dayStart.plusSeconds(7200)), EventTypes.ALERT_RAISED);
        dueDigestId = Delivery.digestIdFor(Delivery.Channel.WEBHOOK, due.id(), dayStart);

        Instant now = Instant.now();
        Subscription missed = subscription(DIGEST_MISSED_PATH, now.minus(Duration.ofHours(3)),
                Subscription.Digest.HOURLY);
        // Half a minute ago: its period ended before the application starts, and it is not the latest one by then.
        missedAlert = alert(missed, now.minusSeconds(30));
        send(Topics.ALERTS, missed.id(), missedAlert, EventTypes.ALERT_RAISED);
        send(Topics.ALERTS, missed.id(), alert(missed, now.minus(Duration.ofHours(2))), EventTypes.ALERT_RAISED);
        long hour = TEST_HOUR.toMillis();
        missedDigestId = Delivery.digestIdFor(Delivery.Channel.WEBHOOK, missed.id(),
                Instant.ofEpochMilli(Math.floorDiv(missedAlert.raisedAt().toEpochMilli(), hour) * hour));

        retained = subscription(RETENTION_PATH, now.minus(Duration.ofHours(3)));
        Instant old = now.minus(Duration.ofHours(2));
        Delivery oldDelivered = finished(Delivery.Status.DELIVERED, 204, null, old);
        Delivery oldFailed = finished(Delivery.Status.FAILED, 400, "HTTP 400; not retried", old);
        Delivery recentDelivered = finished(Delivery.Status.DELIVERED, 204, null, now.minus(Duration.ofMinutes(10)));
        AlertRaised waiting = alert(retained, old);
        send(Topics.ALERTS, retained.id(), waiting, EventTypes.ALERT_RAISED);
        Instant tomorrow = now.plus(Duration.ofDays(1));
        Delivery oldPending = new Delivery(waiting.id(), retained.id(), Delivery.Channel.WEBHOOK,
                List.of(waiting.id()), null, Delivery.Status.PENDING, old, tomorrow, 1,
                List.of(new Delivery.Attempt(1, old, receiver.url(RETENTION_PATH), 503, "HTTP 503", 7, tomorrow)), 1);
        for (Delivery delivery : List.of(oldDelivered, oldFailed, recentDelivered, oldPending)) {
            send(Topics.DELIVERIES, delivery.id(), delivery, DeliveryStore.EVENT_TYPE);
        }
        expiredDeliveryIds = List.of(oldDelivered.id(), oldFailed.id());
        keptDeliveryIds = List.of(recentDelivered.id(), oldPending.id());
        return Map.of();
    }

    /** A settled delivery of {@link #retained}'s alert, its only attempt at {@code at}. */
    private Delivery finished(Delivery.Status status, int httpStatus, String error, Instant at) {
        AlertRaised alert = alert(retained, at);
        send(Topics.ALERTS, retained.id(), alert, EventTypes.ALERT_RAISED);
        return new Delivery(alert.id(), retained.id(), Delivery.Channel.WEBHOOK, List.of(alert.id()), null, status, at,
                null, 1, List.of(new Delivery.Attempt(1, at, receiver.url(RETENTION_PATH), httpStatus, error, 5, null)),
                1);
    }

    /** A subscription whose query no test document matches: its only alerts are the ones written here. */
    private Subscription subscription(String path, Instant createdAt) {
        return subscription(path, createdAt, Subscription.Digest.IMMEDIATE);
    }

    private Subscription subscription(String path, Instant createdAt, Subscription.Digest digest) {
        String id = UUID.randomUUID().toString();
        Subscription created = new Subscription(id, "before the restart " + path,
                "zq" + id.replace("-", ""), List.of(), null, null,
                new Subscription.Webhook(receiver.url(path), StandardWebhooks.generateSecret()), null, digest,
                false, createdAt, createdAt);
        send(Topics.SUBSCRIPTIONS, id, created, EventTypes.SUBSCRIPTION_CHANGED);
        return created;
    }

    private Subscription dailyDigest(String path, Instant createdAt) {
        return subscription(path, createdAt, Subscription.Digest.DAILY);
    }

    private static AlertRaised alert(Subscription subscription, Instant raisedAt) {
        String documentId = UUID.randomUUID().toString().replace("-", "");
        return new AlertRaised(AlertRaised.idFor(subscription.id(), documentId), subscription.id(),
                subscription.name(), documentId, "Raised before the restart",
                "http://localhost:8081/documents/" + documentId, raisedAt,
                List.of(new AlertRaised.MatchedPassage(0, 0, 24, "We oppose sanctions.",
                        "We oppose <mark>sanctions</mark>.", List.of("peace-conflict"), Stance.OPPOSE)));
    }

    private void send(String topic, String key, Object value, String type) {
        try {
            TopicWriter.send(topic, key, mapper.writeValueAsString(value),
                    TopicWriter.cloudEventHeaders(UUID.randomUUID().toString(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        receiver.close();
    }
}
