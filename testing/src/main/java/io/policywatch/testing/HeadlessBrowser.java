package io.policywatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: no driver
 * binary and no library, only the browser the system has (Debian's {@code chromium}, which {@code .ci/run}
 * installs).
 */
public final class HeadlessBrowser implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    /** The system's Chromium, if there is one ({@code -Dpolicywatch.chromium=...} overrides). */
    public static Optional<Path> find() {
        String configured = System.getProperty("policywatch.chromium");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }

    public static HeadlessBrowser launch(Path chromium) throws Exception {
        Path profile = Files.createTempDirectory("policywatch-chromium-");
        Process process = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1400,1000", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            return new HeadlessBrowser(process, profile, devToolsUrl(process));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private HeadlessBrowser(Process process, Path profile, URI devTools) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(devTools, new Listener())
                .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a tab at the URL; scripts of the page that throw are recorded in {@link #pageErrors()}. */
    public Tab open(URI url) throws Exception {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        Tab tab = new Tab(session);
        send(session, "Runtime.enable", Map.of());
        send(session, "Page.enable", Map.of());
        send(session, "Page.navigate", Map.of("url", url.toString()));
        return tab;
    }

    /** Uncaught exceptions the pages' scripts threw. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** A tab of the browser. */
    public final class Tab {
        private final String session;

        private Tab(String session) {
            this.session = session;
        }

        /** Runs the expression in the page (promises awaited) and returns its JSON value. */
        public JsonNode evaluate(String expression) throws Exception {
            JsonNode result = send(session, "Runtime.evaluate",
                    Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** A PNG of what the tab shows, for a person to look at. */
        public byte[] screenshot() throws Exception {
            return java.util.Base64.getDecoder().decode(
                    send(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
        }
    }

    @Override
    public void close() {
        try {
            send(null, "Browser.close", Map.of());
        } catch (Exception e) {
            // Being killed below does as well.
        }
        // Chromium's helper processes (network service, renderers) write into the profile until they end; once the
        // browser process has exited they can no longer be found as its descendants.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        Stream.concat(Stream.of(process.toHandle()), helpers.stream()).forEach(HeadlessBrowser::awaitExit);
        deleteQuietly(profile);
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file that vanished during the walk, or a temporary directory left behind, fails no test.
        }
    }

    private JsonNode send(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode command = json.createObjectNode().put("id", id).put("method", method);
        command.set("params", json.valueToTree(params));
        if (session != null) {
            command.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(json.writeValueAsString(command), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            JsonNode response = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Reads Chromium's stderr for the DevTools address, then keeps draining it so the browser never blocks. */
    private static URI devToolsUrl(Process process) throws Exception {
        BufferedReader stderr = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = stderr.readLine()) != null) {
                    Matcher matcher = DEVTOOLS_URL.matcher(line);
                    if (matcher.find()) {
                        url.complete(URI.create(matcher.group(1)));
                    }
                }
                url.completeExceptionally(new IllegalStateException("chromium exited without a DevTools address"));
            } catch (IOException e) {
                url.completeExceptionally(new UncheckedIOException(e));
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                dispatch(message.toString());
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode received = json.readTree(text);
                if (received.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.get(received.get("id").asInt());
                    if (answer != null) {
                        answer.complete(received);
                    }
                } else if ("Runtime.exceptionThrown".equals(received.path("method").asText())) {
                    pageErrors.add(received.at("/params/exceptionDetails").toString());
                }
            } catch (IOException e) {
                pageErrors.add("unreadable DevTools message: " + text);
            }
        }
    }
}
