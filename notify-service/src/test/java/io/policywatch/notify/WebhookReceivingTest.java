package io.policywatch.notify;

import static io.policywatch.notify.TestPipeline.subscribe;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.policywatch.notify.TestPipeline.Created;
import io.policywatch.testing.WebhookReceiver;

/**
 * A test class whose subscriptions' webhooks point at a real receiver. Each class gets its own, started before its
 * first test and closed after its last, so that what one class did to it ({@link WebhookReceiver#heal()},
 * {@link WebhookReceiver#releaseSlow()}) does not carry over to another. Inherited static {@code @BeforeAll} and
 * {@code @AfterAll} methods rather than a JUnit extension: on a {@code @QuarkusTest}, an extension registered on a
 * static field can exist twice, once per class loader, and the test may see the copy whose callbacks never ran
 * (quarkus#12511).
 */
public abstract class WebhookReceivingTest {

    protected static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /**
     * Subscribes {@code name} to {@code query} with its webhook at {@code path} of the receiver, whose first segment
     * says how the receiver answers ({@code /hooks/...} 204, {@code /fail/...} 500: see {@link WebhookReceiver}).
     */
    protected static Created subscribeWebhook(String name, String query, String path) {
        return subscribeWebhook(name, query, path, Map.of());
    }

    /**
     * As {@link #subscribeWebhook(String, String, String)}, with the subscription's other fields (stance, digest ...).
     */
    protected static Created subscribeWebhook(String name, String query, String path, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.putAll(Map.of("name", name, "query", query, "webhook", Map.of("url", receiver.url(path))));
        return subscribe(body);
    }
}
