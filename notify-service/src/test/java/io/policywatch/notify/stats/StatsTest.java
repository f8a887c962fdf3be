package io.policywatch.notify.stats;

import static io.policywatch.notify.stream.LabelledDocuments.document;
import static io.policywatch.notify.stream.LabelledDocuments.domain;
import static io.policywatch.notify.stream.LabelledDocuments.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Topics;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.policywatch.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /stats over documents classified at chosen times, and the same counts rebuilt by a fresh instance. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class StatsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;

    /** Puts a classified document on the topic as if it had been classified at {@code classifiedAt}. */
    private void classifiedAt(Instant classifiedAt, DocumentClassified document) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENTS_CLASSIFIED, null, classifiedAt.toEpochMilli(),
                    document.id(), mapper.writeValueAsString(document))).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void documentsAreCountedByDomainAndStanceOverTheHourTheDayAndTheWeekAndRebuiltByANewInstance() throws Exception {
        String space = uniqueDomain("outer-space");
        String cyber = uniqueDomain("cyber");
        Instant now = Instant.now();
        DocumentClassified opposed = document("Now, opposed", "en", domain(space, 0.9, 0, 3, 5));
        DocumentClassified supported = document("Now, supported", "en", domain(space, 0.8, 2, 0, 1),
                domain(cyber, 0.3, 0, 1, 0));
        DocumentClassified hoursAgo = document("Three hours ago", "en", domain(cyber, 0.6, 0, 0, 4));
        DocumentClassified daysAgo = document("Two days ago", "en", domain(space, 0.5, 1, 0, 0));
        DocumentClassified tooOld = document("Eight days ago", "en", domain(space, 0.5, 1, 0, 0));

        classifiedAt(now.minus(Duration.ofMinutes(2)), opposed);
        classifiedAt(now.minus(Duration.ofMinutes(1)), supported);
        classifiedAt(now.minus(Duration.ofHours(3)), hoursAgo);
        classifiedAt(now.minus(Duration.ofDays(2)), daysAgo);
        classifiedAt(now.minus(Duration.ofDays(8)), tooOld);
        // Classified again with a new model: it keeps its time and takes its new labels; it counts once.
        classifiedAt(now, new DocumentClassified(hoursAgo.document(), document("", "en",
                domain(cyber, 0.6, 0, 2, 4)).classification()));

        await().atMost(TIMEOUT).untilAsserted(() -> assertCounts(
                given().when().get("/stats").then().statusCode(200).extract().as(Stats.class), space, cyber, now));

        try (ClassifiedStats restarted = new ClassifiedStats(TestKafka.bootstrapServers(), mapper)) {
            restarted.start();
            await().atMost(TIMEOUT).untilAsserted(() -> assertCounts(restarted.snapshot(), space, cyber, now));
        }
    }

    private static void assertCounts(Stats stats, String space, String cyber, Instant now) {
        Stats.Window hour = stats.windows().get("hour");
        assertEquals(new Stats.DomainCounts(2, 1, 1, 0), hour.domains().get(space), "space, last hour");
        assertEquals(new Stats.DomainCounts(1, 0, 1, 0), hour.domains().get(cyber), "cyber, last hour");

        Stats.Window day = stats.windows().get("day");
        assertEquals(new Stats.DomainCounts(2, 1, 1, 0), day.domains().get(space), "space, last day");
        assertEquals(new Stats.DomainCounts(2, 0, 2, 0), day.domains().get(cyber), "cyber, last day (re-labelled)");

        Stats.Window week = stats.windows().get("week");
        assertEquals(new Stats.DomainCounts(3, 2, 1, 0), week.domains().get(space), "space, last week");
        assertEquals(new Stats.DomainCounts(2, 0, 2, 0), week.domains().get(cyber), "cyber, last week");

        Map<Instant, Map<String, Integer>> hourly = new java.util.HashMap<>();
        stats.hourly().forEach(h -> hourly.put(h.from(), h.domains()));
        assertEquals(24, stats.hourly().size());
        Instant threeHoursAgo = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        assertEquals(1, hourly.get(threeHoursAgo).get(cyber), "the re-labelled document stays in its first hour");
        int spaceInLastHours = stats.hourly().stream().mapToInt(h -> h.domains().getOrDefault(space, 0)).sum();
        assertEquals(2, spaceInLastHours, "the two documents of the last minutes; not the one of two days ago");
    }
}
