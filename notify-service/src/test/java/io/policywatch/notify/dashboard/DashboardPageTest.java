package io.policywatch.notify.dashboard;

import static io.policywatch.notify.TestDocuments.sentence;
import static io.policywatch.notify.TestPipeline.subscribe;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Classification;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Stance;
import io.policywatch.notify.TestDocuments;
import io.policywatch.notify.stream.LabelledDocuments;
import io.policywatch.testing.HeadlessBrowser;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard page in a real headless Chromium, fed by the running service from the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DashboardPageTest {

    /** "Within seconds": what a person watching the page would put up with. */
    private static final Duration SHOWS_WITHIN = Duration.ofSeconds(10);
    /** An alert also waits for the matcher, whose first document of a JVM is slow on a loaded machine. */
    private static final Duration ALERT_SHOWS_WITHIN = Duration.ofSeconds(20);
    private static final Duration OPENS_WITHIN = Duration.ofSeconds(30);
    /** Left for a person (or CI's artifacts) to look at. */
    private static final Path SCREENSHOT = Path.of("target", "dashboard-page.png");

    @TestHTTPResource("/")
    URI page;

    @Inject
    ObjectMapper mapper;

    @Test
    void aClassifiedDocumentAndTheAlertItRaisesAppearOnTheOpenPageWithinSeconds() throws Exception {
        Optional<Path> chromium = HeadlessBrowser.find();
        assumeTrue(chromium.isPresent(), "no chromium on this machine (.ci/run installs Debian's)");

        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String domain = LabelledDocuments.uniqueDomain("outer-space");
        String subscription = "Dashboard watch " + word;
        subscribe(Map.of("name", subscription, "query", word));
        DocumentClassified labelled = TestDocuments.classified("Orbital weapons " + word, Map.of(domain, 0.8),
                sentence("We firmly oppose " + word + " weapons in orbit.", Stance.OPPOSE, domain),
                sentence("Space is a shared domain.", Stance.NEUTRAL, domain));
        Classification classification = labelled.classification();
        DocumentClassified document = new DocumentClassified(labelled.document(), new Classification(
                classification.model(), classification.taxonomyVersion(), classification.language(), true,
                List.of(LabelledDocuments.domain(domain, 0.8, 0, 1, 1)), classification.sentences(), "1",
                List.of(new Classification.EntityMention("CHN", "China", "state", 1)), List.of("CHN")));

        try (HeadlessBrowser browser = HeadlessBrowser.launch(chromium.get())) {
            HeadlessBrowser.Tab tab = browser.open(page);
            await().atMost(OPENS_WITHIN).until(() -> tab.evaluate(
                    "document.body !== null && document.body.dataset.documents === 'open'"
                            + " && document.body.dataset.alerts === 'open'")
                    .asBoolean());

            LabelledDocuments.publish(mapper, document);

            String item = "document.querySelector('#documents li[data-id=\"" + document.id() + "\"]')";
            await().atMost(SHOWS_WITHIN).until(() -> tab.evaluate(item + " !== null").asBoolean());
            assertTrue(tab.evaluate(item + ".textContent").asText().contains("Orbital weapons " + word));
            assertEquals("oppose", tab.evaluate(item + ".querySelector('.chip[data-domain=\"" + domain
                    + "\"]').dataset.stance").asText());

            String alert = "[...document.querySelectorAll('#alerts li')].find(li => li.textContent.includes('"
                    + subscription + "'))";
            await().atMost(ALERT_SHOWS_WITHIN).until(() -> tab.evaluate("(" + alert + ") !== undefined").asBoolean());
            assertEquals(word, tab.evaluate("(" + alert + ").querySelector('mark').textContent").asText());

            await().atMost(SHOWS_WITHIN).until(() -> tab.evaluate(
                    "document.querySelector('#hourly-chart rect[data-domain=\"" + domain + "\"]') !== null")
                    .asBoolean());
            assertTrue(tab.evaluate("document.querySelector('#domains tr[data-domain=\"" + domain
                    + "\"]') !== null").asBoolean(), "the domain's row in the table of the day");

            Files.write(SCREENSHOT, tab.screenshot());
            assertEquals(List.of(), browser.pageErrors(), "the page's scripts threw");
        }
    }
}
