package io.policywatch.notify.stream;

import static io.policywatch.notify.stream.LabelledDocuments.document;
import static io.policywatch.notify.stream.LabelledDocuments.domain;
import static io.policywatch.notify.stream.LabelledDocuments.publish;
import static io.policywatch.notify.stream.LabelledDocuments.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /documents/stream read by a plain SSE client while documents reach the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DocumentStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** How long "nothing more arrives" is watched for. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

    @TestHTTPResource("/documents/stream")
    URI stream;

    @Inject
    ObjectMapper mapper;

    private URI streamWith(String query) {
        return URI.create(stream + "?" + query);
    }

    private static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The ids of the document events among the events. */
    private List<String> documentIds(List<SseClient.Event> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (SseClient.Event event : events) {
            if (event.name().equals(DocumentStreamResource.DOCUMENT_EVENT)) {
                ids.add(mapper.readTree(event.data()).path("id").asText());
            }
        }
        return ids;
    }

    private static SseClient.Event awaitReady(SseClient client) throws InterruptedException {
        SseClient.Event ready = client.next(TIMEOUT);
        assertEquals(LiveStreams.READY_EVENT, ready.name());
        return ready;
    }

    @Test
    void documentsArriveAsTheyAreClassifiedFilteredByDomainStanceAndLanguage() throws Exception {
        String space = uniqueDomain("outer-space");
        String cyber = uniqueDomain("cyber");
        DocumentClassified opposedInSpace = document("Space weapons, opposed", "en", domain(cyber, 0.9, 3, 0, 9),
                domain(space, 0.6, 1, 4, 12));
        DocumentClassified supportedInSpace = document("Space treaty, supported", "en", domain(space, 0.8, 5, 1, 3));
        DocumentClassified opposedInCyberOnly = document("Cyber norms, opposed", "en", domain(cyber, 0.7, 0, 2, 3),
                domain(space, 0.2, 2, 0, 1));
        DocumentClassified opposedInSpaceInFrench = document("Armes spatiales", "fr", domain(space, 0.7, 0, 3, 2));

        try (SseClient opposedSpace = SseClient.connect(streamWith("domain=" + param(space) + "&stance=oppose"), null);
                SseClient french = SseClient.connect(streamWith("domain=" + param(space + "," + cyber)
                        + "&language=FR"), null)) {
            assertThat(opposedSpace.contentType(), startsWith("text/event-stream"));
            awaitReady(opposedSpace);
            awaitReady(french);

            for (DocumentClassified document : List.of(opposedInSpace, supportedInSpace, opposedInCyberOnly,
                    opposedInSpaceInFrench)) {
                publish(mapper, document);
            }

            List<SseClient.Event> events = new ArrayList<>();
            events.add(opposedSpace.next(TIMEOUT));
            events.add(opposedSpace.next(TIMEOUT));
            events.addAll(opposedSpace.during(QUIET_PERIOD));
            assertEquals(Set.of(opposedInSpace.id(), opposedInSpaceInFrench.id()), Set.copyOf(documentIds(events)));
            assertEquals(2, documentIds(events).size(), "each document once");

            SseClient.Event frenchEvent = french.next(TIMEOUT);
            assertEquals(List.of(opposedInSpaceInFrench.id()), documentIds(List.of(frenchEvent)));
            assertEquals(List.of(), documentIds(french.during(QUIET_PERIOD)));

            JsonNode summary = events.stream().filter(event -> event.data().contains(opposedInSpace.id()))
                    .map(event -> readTree(event.data())).findFirst().orElseThrow();
            assertEquals("Space weapons, opposed", summary.path("title").asText());
            assertEquals("en", summary.path("language").asText());
            assertEquals(cyber, summary.at("/domains/0/domain").asText());
            assertEquals("support", summary.at("/domains/0/stance").asText());
            assertEquals("oppose", summary.at("/domains/1/stance").asText());
            assertEquals(4, summary.at("/domains/1/sentences/oppose").asInt());
            assertEquals("China", summary.at("/entities/0/name").asText());
            assertTrue(summary.hasNonNull("classifiedAt"), summary.toString());
            assertThat(summary.at("/links/document").asText(), containsString("/documents/" + opposedInSpace.id()));
            assertTrue(summary.path("text").isMissingNode(), "the view leaves the text out");
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissed() throws Exception {
        String domain = uniqueDomain("arms-control");
        URI uri = streamWith("domain=" + param(domain));
        List<DocumentClassified> documents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            documents.add(document("Arms control " + i, "en", domain(domain, 0.5, 1, 0, 0)));
        }
        DocumentClassified elsewhere = document("Elsewhere", "en", domain(uniqueDomain("other"), 0.5, 1, 0, 0));

        // Gone before anything arrived: the start position alone must be enough to miss nothing.
        String lastEventId;
        try (SseClient client = SseClient.connect(uri, null)) {
            lastEventId = awaitReady(client).id();
        }
        publish(mapper, documents.get(0));
        publish(mapper, documents.get(1));
        publish(mapper, elsewhere);

        try (SseClient client = SseClient.connect(uri, lastEventId)) {
            awaitReady(client);
            List<SseClient.Event> events = List.of(client.next(TIMEOUT), client.next(TIMEOUT));
            assertEquals(Set.of(documents.get(0).id(), documents.get(1).id()), Set.copyOf(documentIds(events)));
            lastEventId = events.get(1).id();
        }
        for (DocumentClassified missed : documents.subList(2, 6)) {
            publish(mapper, missed);
        }

        try (SseClient client = SseClient.connect(uri, lastEventId)) {
            awaitReady(client);
            List<SseClient.Event> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(client.next(TIMEOUT));
            }
            publish(mapper, documents.get(6));
            events.add(client.next(TIMEOUT));
            events.addAll(client.during(QUIET_PERIOD));
            List<String> ids = documentIds(events);
            assertEquals(documents.subList(2, 7).stream().map(DocumentClassified::id).collect(Collectors.toSet()),
                    Set.copyOf(ids), "the missed documents, then the live one");
            assertEquals(5, ids.size(), "no duplicate of what the client already had: " + ids);
        }
    }

    @Test
    void sinceReplaysTheDocumentsClassifiedFromThatInstant() throws Exception {
        String domain = uniqueDomain("nuclear");
        DocumentClassified earlier = document("Earlier", "en", domain(domain, 0.5, 0, 1, 0));
        publish(mapper, earlier);

        try (SseClient client = SseClient.connect(streamWith("domain=" + param(domain) + "&since="
                + param(Instant.now().minus(Duration.ofMinutes(5)).toString())), null)) {
            awaitReady(client);
            assertEquals(List.of(earlier.id()), documentIds(List.of(client.next(TIMEOUT))));
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatsAndAClosedOneReleasesItsKafkaConsumer() throws Exception {
        // Streams of earlier tests may still be winding down: follow only the threads this test's streams start.
        Set<Thread> before = streamThreads();
        List<SseClient> clients = new ArrayList<>();
        Set<Thread> ours = new HashSet<>();
        try {
            for (int i = 0; i < 3; i++) {
                SseClient client = SseClient.connect(streamWith("domain=" + param(uniqueDomain("idle"))), null);
                clients.add(client);
                awaitReady(client);
            }
            ours.addAll(streamThreads());
            ours.removeAll(before);
            assertEquals(3, ours.size(), "one reading thread per open stream");
            // The test profile beats every second.
            await().atMost(TIMEOUT).until(() -> clients.get(0).comments() >= 2);
        } finally {
            clients.forEach(SseClient::close);
        }
        await().atMost(TIMEOUT).until(() -> ours.stream().noneMatch(Thread::isAlive));
    }

    /** Each open stream reads on a thread of its own, named after the topic. */
    private static Set<Thread> streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("topic-stream-documents.classified") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void malformedStreamRequestsAreRefusedWithAProblem() {
        given().header("Last-Event-ID", "not a position").when().get("/documents/stream")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not a stream position"));
        given().queryParam("stance", "against").when().get("/documents/stream")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("against"));
        given().queryParam("since", "yesterday").when().get("/documents/stream")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
