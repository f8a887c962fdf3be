package io.policywatch.notify.matching;

/** A subscription query that does not parse; the message says where and why. */
public class InvalidQueryException extends Exception {

    public InvalidQueryException(String message) {
        super(message);
    }
}
