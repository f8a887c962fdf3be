package io.policywatch.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for brokers and services started by tests and benchmarks. */
public final class Ports {

    /**
     * Below the range Linux takes the local ports of outgoing connections from (32768 to 60999 by default). A port
     * that {@code new ServerSocket(0)} hands out comes from that range, so a Kafka or HTTP client could take it for
     * a connection before the server it was meant for binds it: a benchmark run once failed to start a service so.
     */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final int ATTEMPTS = 200;

    /** A port nobody listens on right now, outside the range of outgoing connections' ports. */
    public static int free() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another process listens there: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST + " after " + ATTEMPTS
                + " attempts");
    }

    private Ports() {
    }
}
