package io.policywatch.notify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.policywatch.testing.WebhookReceiver;

/**
 * A test class whose subscriptions' webhooks point at a real receiver. Each class gets its own, started before its
 * first test and closed after its last, so that what one class did to it ({@link WebhookReceiver#heal()},
 * {@link WebhookReceiver#releaseSlow()}) does not carry over to another. Inherited static set-up rather than a JUnit
 * extension: a {@code @QuarkusTest} runs its test instance in another class loader than the one an extension
 * registered on a field sees (quarkus#12511), plain {@code @BeforeAll}/{@code @AfterAll} methods do not care.
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
