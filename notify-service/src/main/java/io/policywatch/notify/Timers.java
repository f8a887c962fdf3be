package io.policywatch.notify;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The background threads of notify's periodic work (retries, digests, retention). */
public final class Timers {

    /** A timer of one thread. */
    public static ScheduledExecutorService timer(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> daemonThread(runnable, threadName));
    }

    /** A daemon, so that background work never holds up the service's exit. */
    public static Thread daemonThread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * A duration derived from configuration (a tenth of the retention, an eighth of a digest period) kept between
     * bounds, so that a timer runs often enough to be timely and rarely enough to cost nothing.
     */
    public static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    private Timers() {
    }
}
