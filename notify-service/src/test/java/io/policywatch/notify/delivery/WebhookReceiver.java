package io.policywatch.notify.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint on the loopback interface that records every webhook request. Paths under {@code /fail}
 * answer 500, under {@code /flaky} 500 until {@link #heal()} is called and 204 afterwards, under {@code /gone} 410,
 * under {@code /refuse} 400, under {@code /busy} 429 with {@code Retry-After: 2} the first time and 204 afterwards
 * ({@code /busy-now}: {@code Retry-After: 0}), under {@code /slow} 204 once {@link #releaseSlow()} is called (or after
 * a minute); every other path 204.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Request(String path, Map<String, String> headers, String body, Instant receivedAt) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch slow = new CountDownLatch(1);
    private volatile boolean healed;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            // A slow request must not hold up the others.
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests received on a path, in arrival order. */
    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String path = exchange.getRequestURI().getPath();
            boolean firstOnPath = requests(path).isEmpty();
            requests.add(new Request(path, headers, body, Instant.now()));
            if (path.startsWith("/slow")) {
                awaitRelease();
            }
            if (path.startsWith("/busy") && firstOnPath) {
                exchange.getResponseHeaders().add("Retry-After", path.startsWith("/busy-now") ? "0" : "2");
            }
            exchange.sendResponseHeaders(status(path, firstOnPath), -1);
        }
    }

    private int status(String path, boolean firstOnPath) {
        if (path.startsWith("/fail") || path.startsWith("/flaky") && !healed) {
            return 500;
        }
        if (path.startsWith("/gone")) {
            return 410;
        }
        if (path.startsWith("/refuse")) {
            return 400;
        }
        return path.startsWith("/busy") && firstOnPath ? 429 : 204;
    }

    /** Lets the {@code /flaky} paths answer 204 from now on. */
    public void heal() {
        healed = true;
    }

    private void awaitRelease() {
        try {
            slow.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the requests to {@code /slow} paths be answered. */
    public void releaseSlow() {
        slow.countDown();
    }

    @Override
    public void close() {
        releaseSlow();
        server.stop(0);
    }
}
