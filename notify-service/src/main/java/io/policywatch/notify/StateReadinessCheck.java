package io.policywatch.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.policywatch.notify.alert.AlertStore;
import io.policywatch.notify.delivery.DeliveryStore;
import io.policywatch.notify.subscription.SubscriptionStore;

/**
 * Not ready until subscriptions, alerts and delivery states have been read from Kafka up to where they ended at
 * start-up: before that, answers would be incomplete and alerts could be raised or delivered twice.
 */
@Readiness
@ApplicationScoped
public class StateReadinessCheck implements HealthCheck {

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStore alerts;

    @Inject
    DeliveryStore deliveries;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("notify-state")
                .status(subscriptions.loaded() && alerts.loaded() && deliveries.loaded())
                .withData("subscriptions-loaded", subscriptions.loaded())
                .withData("subscriptions", subscriptions.size())
                .withData("alerts-loaded", alerts.loaded())
                .withData("deliveries-loaded", deliveries.loaded())
                .build();
    }
}
