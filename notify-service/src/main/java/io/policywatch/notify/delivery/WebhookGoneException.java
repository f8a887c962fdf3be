package io.policywatch.notify.delivery;

/** The receiver answered 410 Gone: the endpoint no longer exists and must not be called again. */
public class WebhookGoneException extends WebhookDeliveryException {

    public WebhookGoneException(String message) {
        super(message);
    }
}
