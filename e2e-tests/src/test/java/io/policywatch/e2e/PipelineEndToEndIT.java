package io.policywatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.local.LocalStack;
import io.policywatch.local.PolicyWatchClient;
import io.policywatch.local.Service;
import io.policywatch.local.StackConfig;
import io.policywatch.testing.HeadlessBrowser;
import io.policywatch.testing.TestKafka;
import io.policywatch.testing.WebhookReceiver;

/**
 * The three packaged services, each its own JVM, on a real broker: an uploaded policy text ends as a signed alert
 * at a real HTTP receiver, once, and shows on the live dashboard page open in a real headless Chromium.
 */
class PipelineEndToEndIT {

    private static final Path ROOT = Path.of(System.getProperty("policywatch.root", "..")).toAbsolutePath();
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static WebhookReceiver receiver;
    private final PolicyWatchClient client = new PolicyWatchClient();

    @BeforeAll
    static void startThePipeline() {
        receiver = WebhookReceiver.start();
        StackConfig config = new StackConfig(ROOT, dataDir, TestKafka.freePort(), TestKafka.freePort(),
                TestKafka.freePort(), TestKafka.freePort(), TestKafka.freePort(),
                // With Docker, Testcontainers' broker; without, the runner's own broker process, as run.sh does.
                TestKafka.usesTestcontainers() ? TestKafka.bootstrapServers() : null);
        stack = new LocalStack(config, System.out).start();
    }

    @AfterAll
    static void stopThePipeline() {
        if (stack != null) {
            stack.close();
        }
        receiver.close();
    }

    @Test
    void anUploadedSeedReachesTheSubscribersWebhookSignedAndOnlyOnceWhenUploadedAgain() throws Exception {
        Subscribed subscription = subscribe("\"information security\"", "/hooks/infosec");
        Path seed = ROOT.resolve("seeds/002_b115bc2835af3bd6.txt");
        String documentId = sha256(seed);

        PolicyWatchClient.Reply upload = client.upload(ingestUrl(), seed);
        assertEquals(201, upload.status(), upload.body());
        assertEquals(documentId, JSON.readTree(upload.body()).get("id").asText());

        WebhookReceiver.Request delivery = receiver.awaitRequest(
                d -> d.path().equals("/hooks/infosec") && documentId.equals(alertData(d).path("documentId").asText()),
                ALERT_TIMEOUT);
        JsonNode alert = alertData(delivery);
        assertEquals(subscription.id(), alert.get("subscriptionId").asText());
        assertTrue(alert.get("passages").size() > 0, "the alert carries the matched passages");
        assertTrue(alert.get("passages").get(0).get("highlighted").asText().toLowerCase().contains("<mark>"));
        delivery.assertSignedWith(subscription.secret());

        PolicyWatchClient.Reply again = client.upload(ingestUrl(), seed);
        assertEquals(200, again.status(), again.body());
        assertTrue(JSON.readTree(again.body()).get("duplicate").asBoolean());
        Thread.sleep(5_000);
        assertEquals(1, receiver.requests(d -> d.path().equals("/hooks/infosec")
                && documentId.equals(alertData(d).path("documentId").asText())).size(),
                "the same document never alerts the same subscription twice");
    }

    @Test
    void subscriptionsAreRebuiltFromKafkaWhenNotifyServiceRestarts() throws Exception {
        Subscribed subscription = subscribe("\"outer space\" AND weaponization", "/hooks/space");

        stack.restart(Service.NOTIFY);

        Path seed = ROOT.resolve("seeds/000_75cf7169558250f9.txt");
        String documentId = sha256(seed);
        PolicyWatchClient.Reply upload = client.upload(ingestUrl(), seed);
        assertEquals(201, upload.status(), upload.body());
        WebhookReceiver.Request delivery = receiver.awaitRequest(
                d -> d.path().equals("/hooks/space") && documentId.equals(alertData(d).path("documentId").asText()),
                ALERT_TIMEOUT);
        assertEquals(subscription.id(), alertData(delivery).get("subscriptionId").asText());
    }

    @Test
    void anUploadedDocumentAppearsOnTheOpenDashboardPageWithItsDomains() throws Exception {
        Optional<Path> chromium = HeadlessBrowser.find();
        assumeTrue(chromium.isPresent(), "no chromium on this machine (.ci/run installs Debian's)");
        Path seed = ROOT.resolve("seeds/001_0d9eee78d7152bc0.txt");
        String documentId = sha256(seed);

        try (HeadlessBrowser browser = HeadlessBrowser.launch(chromium.get())) {
            HeadlessBrowser.Tab page = browser.open(URI.create(stack.config().url(Service.NOTIFY) + "/"));
            // Until the page is parsed there is no body; then its script opens the documents stream.
            await(() -> page.evaluate("document.body !== null && document.body.dataset.documents === 'open'")
                    .asBoolean(), PAGE_TIMEOUT);

            PolicyWatchClient.Reply upload = client.upload(ingestUrl(), seed);
            assertEquals(201, upload.status(), upload.body());

            String item = "document.querySelector('#documents li[data-id=\"" + documentId + "\"]')";
            await(() -> page.evaluate(item + " !== null").asBoolean(), ALERT_TIMEOUT);
            assertTrue(page.evaluate(item + ".querySelectorAll('.chip[data-domain]').length > 0").asBoolean(),
                    "the document shows with the domains classify-service gave it");
            assertEquals(List.of(), browser.pageErrors(), "the page's scripts threw");
        }
    }

    @Test
    void everyServiceServesItsSwaggerUiInProductionAndNotifyItsPageAndContract() {
        for (Service service : Service.values()) {
            PolicyWatchClient.Reply swagger = client.get(stack.config().url(service) + "/q/swagger-ui/");
            assertEquals(200, swagger.status(), service + ": " + swagger.body());
            assertTrue(swagger.body().contains("swagger-ui"), service + " serves the Swagger UI page");
        }
        String notify = stack.config().url(Service.NOTIFY);
        assertTrue(client.get(notify + "/q/openapi").body().contains("/documents/stream"));
        assertTrue(client.get(notify + "/").body().contains("dashboard.js"), "the dashboard page");
        assertTrue(client.get(notify + "/dashboard.js").body().contains("EventSource"));
        assertTrue(client.get(notify + "/asyncapi").body().contains("asyncapi: 3.0.0"), "the event contract");
    }

    /** Polls the page (each check is a round trip to the browser) until the condition holds. */
    private static void await(Callable<Boolean> condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.call()) {
            assertTrue(Instant.now().isBefore(deadline), "not seen on the page within " + timeout);
            Thread.sleep(250);
        }
    }

    private record Subscribed(String id, String secret) {
    }

    private Subscribed subscribe(String query, String hookPath) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("name", "e2e " + hookPath)
                .put("query", query)
                .set("webhook", JSON.createObjectNode().put("url", receiver.url(hookPath))));
        PolicyWatchClient.Reply reply = client.postJson(stack.config().url(Service.NOTIFY) + "/subscriptions", body);
        assertEquals(201, reply.status(), reply.body());
        JsonNode created = JSON.readTree(reply.body());
        return new Subscribed(created.get("id").asText(), created.get("webhook").get("secret").asText());
    }

    private String ingestUrl() {
        return stack.config().url(Service.INGEST);
    }

    private static JsonNode alertData(WebhookReceiver.Request delivery) {
        try {
            return JSON.readTree(delivery.body()).path("data");
        } catch (Exception e) {
            throw new AssertionError("webhook body is not JSON: " + delivery.body(), e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
