package io.policywatch.notify.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The latest delivery attempts per subscription, newest first. Held in memory by the instance that made them: a
 * restart forgets them (durable delivery state is a later step).
 */
@ApplicationScoped
public class DeliveryLog {

    /** Enough to see what went wrong recently without growing with a busy subscription's whole history. */
    static final int MAX_PER_SUBSCRIPTION = 200;

    private final Map<String, Deque<DeliveryAttempt>> bySubscription = new ConcurrentHashMap<>();

    public void record(String subscriptionId, DeliveryAttempt attempt) {
        Deque<DeliveryAttempt> attempts = bySubscription.computeIfAbsent(subscriptionId, id -> new ArrayDeque<>());
        synchronized (attempts) {
            attempts.addFirst(attempt);
            if (attempts.size() > MAX_PER_SUBSCRIPTION) {
                attempts.removeLast();
            }
        }
    }

    public List<DeliveryAttempt> attempts(String subscriptionId) {
        Deque<DeliveryAttempt> attempts = bySubscription.get(subscriptionId);
        if (attempts == null) {
            return List.of();
        }
        synchronized (attempts) {
            return new ArrayList<>(attempts);
        }
    }
}
