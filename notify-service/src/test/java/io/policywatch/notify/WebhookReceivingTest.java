package io.policywatch.notify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
