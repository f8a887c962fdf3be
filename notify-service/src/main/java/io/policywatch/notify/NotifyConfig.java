package io.policywatch.notify;

import java.time.Duration;

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

    /** The live feeds for dashboards: {@code GET /documents/stream} and the dashboard page's alerts. */
    Streams streams();

    interface Webhook {

        @WithDefault("3s")
        Duration connectTimeout();

        /** Limit for one attempt, from sending the request to the end of the response headers. */
        @WithDefault("5s")
        Duration requestTimeout();

        /** Attempts per alert, the first included. Durable retries over hours are not done here. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second attempt; doubled before each further one. */
        @WithDefault("500ms")
        Duration firstBackoff();

        /**
         * The longest pause between attempts this instance waits, whether a receiver's {@code Retry-After} asks
         * for it or the schedule does; a longer one ends the delivery as failed.
         */
        @WithDefault("30s")
        Duration maxRetryAfter();
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
