package io.policywatch.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "policywatch.notify")
public interface NotifyConfig {

    /** Where ingest-service serves documents; alerts link to {@code <ingest-url>/documents/<id>}. */
    String ingestUrl();

    /** How long a request waits for Kafka to acknowledge what it published before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * How long a request waits for this instance's in-memory view to show its own write, so that a GET right
     * after a POST or DELETE sees it.
     */
    @WithDefault("10s")
    Duration viewSyncTimeout();

    Webhook webhook();

    Delivery delivery();

    Email email();

    Digest digest();

    /** The live feeds: {@code GET /documents/stream}, {@code GET /alerts/stream} and the dashboard page's alerts. */
    Streams streams();

    interface Webhook {

        @WithDefault("3s")
        Duration connectTimeout();

        /** Limit for one attempt, from sending the request to the end of the response headers. */
        @WithDefault("5s")
        Duration requestTimeout();
    }

    /** How alerts reach webhooks and e-mail addresses, and how failures are retried. */
    interface Delivery {

        /**
         * The pauses before the second, third... attempt; the delivery fails once they are used up. The default
         * spans about 24 hours.
         */
        @WithDefault("5s,30s,2m,10m,30m,1h,2h,4h,8h,8h")
        List<Duration> retrySchedule();

        /** Each pause of the schedule is varied at random by up to this share, so that retries do not bunch up. */
        @WithDefault("0.2")
        double jitter();

        /** A receiver's {@code Retry-After} is honoured up to this pause. */
        @WithDefault("8h")
        Duration maxRetryAfter();

        /** Attempts running at once, over all subscriptions. */
        @WithDefault("16")
        int concurrency();

        /**
         * Attempts running at once for one subscription, so that a slow endpoint with many alerts cannot take every
         * worker from the others.
         */
        @WithDefault("4")
        int concurrencyPerSubscription();

        /**
         * How long a finished delivery (delivered, failed, cancelled) is kept after its last attempt: older ones are
         * no longer listed and are deleted from the deliveries topic. Pending deliveries are kept whatever their age.
         */
        @WithDefault("30d")
        Duration retention();
    }

    interface Email {

        /**
         * The SMTP server alerts are mailed through (also given to {@code quarkus.mailer.host}); without it no e-mail
         * is sent and subscriptions' e-mail addresses are only kept.
         */
        Optional<String> smtpHost();

        /**
         * How long one message may take to be accepted; an SMTP server that stops answering mid-conversation would
         * otherwise hold a delivery worker for ever. A timed-out message is retried like a temporary refusal.
         */
        @WithDefault("60s")
        Duration sendTimeout();
    }

    /** How long the periods of the digest frequencies are; shorter in tests. */
    interface Digest {

        @WithDefault("1h")
        Duration hourly();

        @WithDefault("1d")
        Duration daily();

        /**
         * How far back a period that ended while no instance ran is still sent when one starts; never further back
         * than {@code delivery.retention}, which is how long a sent digest is remembered.
         */
        @WithDefault("7d")
        Duration catchUp();
    }

    interface Streams {

        /** Open streams at once on this instance; each holds a Kafka consumer. More are answered 503. */
        @WithDefault("64")
        int maxClients();

        /** A comment line sent on an idle stream, so that proxies keep it open and a gone client is noticed. */
        @WithDefault("15s")
        Duration heartbeat();
    }
}
