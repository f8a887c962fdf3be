package io.policywatch.notify.delivery;

/** A webhook that did not accept an alert; the alert goes to the dead-letter topic with this reason. */
public class WebhookDeliveryException extends RuntimeException {

    public WebhookDeliveryException(String message) {
        super(message);
    }
}
