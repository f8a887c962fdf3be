package io.policywatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint on the loopback interface that records every request, as a subscriber's webhook would.
 * Every path answers 204 except these, which let a test play an endpoint in trouble: paths under {@code /fail}
 * answer 500; under {@code /flaky} 500 until {@link #heal()} is called and 204 afterwards; under {@code /gone} 410;
 * under {@code /refuse} 400; under {@code /busy} 429 with {@code Retry-After: 2} the first time and 204 afterwards
 * ({@code /busy-now}: {@code Retry-After: 0}); under {@code /slow} 204 once {@link #releaseSlow()} is called (or
 * after a minute).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request. Header names are lower-case. */
    public record Request(String path, Map<String, String> headers, String body, Instant receivedAt) {

        /** How far the signed timestamp may be from now, as Standard Webhooks verifiers allow. */
        private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Verifies the Standard Webhooks signature as a subscriber would, with this code rather than the service's:
         * {@code webhook-signature} is {@code v1,} and the Base64 HMAC-SHA256 of
         * {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the secret ({@code whsec_} and Base64), and the
         * timestamp is recent.
         *
         * @throws AssertionError when it is not
         */
        public void assertSignedWith(String secret) {
            String id = header("webhook-id");
            String timestamp = header("webhook-timestamp");
            if (id == null || timestamp == null) {
                throw new AssertionError("no webhook-id or webhook-timestamp header: " + headers);
            }
            Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), Instant.now()).abs();
            if (age.compareTo(TIMESTAMP_TOLERANCE) >= 0) {
                throw new AssertionError("webhook-timestamp " + timestamp + " is " + age + " from now");
            }
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    hmacSha256(secret, id + "." + timestamp + "." + body));
            if (!expected.equals(header("webhook-signature"))) {
                throw new AssertionError("webhook-signature " + header("webhook-signature") + ", expected " + expected);
            }
        }

        private static byte[] hmacSha256(String secret, String content) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    /** Guarded by itself; notified on every request, for the awaiting tests. */
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch slow = new CountDownLatch(1);
    private volatile boolean healed;

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // A slow request must not hold up the others.
            ExecutorService executor = Executors.newCachedThreadPool();
            WebhookReceiver receiver = new WebhookReceiver(server, executor);
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
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
        return requests(request -> request.path().equals(path));
    }

    /** The requests received that satisfy the condition, in arrival order. */
    public List<Request> requests(Predicate<Request> condition) {
        synchronized (requests) {
            return requests.stream().filter(condition).toList();
        }
    }

    /**
     * The first request received on a path, waiting for it until the timeout passes.
     *
     * @throws AssertionError with the paths that were requested, when none came in time
     */
    public Request awaitRequest(String path, Duration timeout) {
        return awaitRequest(request -> request.path().equals(path), timeout);
    }

    /**
     * The first request received that satisfies the condition, waiting for it until the timeout passes.
     *
     * @throws AssertionError with the paths that were requested, when none came in time
     */
    public Request awaitRequest(Predicate<Request> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (requests) {
            while (true) {
                for (Request request : requests) {
                    if (condition.test(request)) {
                        return request;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("no matching webhook request within " + timeout + "; received on "
                            + requests.stream().map(Request::path).toList());
                }
                try {
                    requests.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while awaiting a webhook request", e);
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String path = exchange.getRequestURI().getPath();
            boolean firstOnPath;
            synchronized (requests) {
                firstOnPath = requests.stream().noneMatch(request -> request.path().equals(path));
                requests.add(new Request(path, Map.copyOf(headers), body, Instant.now()));
                requests.notifyAll();
            }
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
        executor.shutdown();
    }
}
