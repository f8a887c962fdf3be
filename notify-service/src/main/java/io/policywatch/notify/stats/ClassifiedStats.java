package io.policywatch.notify.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Classification.StanceCounts;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Stance;
import io.policywatch.events.Topics;
import io.policywatch.notify.stream.DocumentSummary.DomainStance;
import io.policywatch.notify.stream.StreamStart;
import io.policywatch.notify.stream.TopicStream;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Counts of classified documents by domain and stance over the last hour, day and week, rebuilt at start-up by
 * reading the last week of {@code documents.classified} and kept up to date by following it.
 * <p>
 * A document counts once: classified again (a new model, a redelivery), it keeps the time it was first classified
 * and takes its latest labels. Memory holds the id and labels of each document of the last week, nothing older.
 */
@Singleton
public class ClassifiedStats implements AutoCloseable {

    /** The longest window; older documents are forgotten. */
    public static final Duration KEPT = Duration.ofDays(7);
    static final Map<String, Duration> WINDOWS = windows();
    static final int HOURS_IN_SERIES = 24;

    private static final Logger LOG = Logger.getLogger(ClassifiedStats.class);
    private static final int EVICT_EVERY = 1000;

    private final String bootstrapServers;
    private final ObjectMapper mapper;
    private final Map<String, Counted> documents = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private Cancellable following;

    /** A document as the counts see it: when it came, and each of its domains with the prevailing stance. */
    private record Counted(Instant firstClassifiedAt, Map<String, Stance> domains, Stance strongest) {
    }

    @Inject
    public ClassifiedStats(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (following != null) {
            throw new IllegalStateException("the stats already follow " + Topics.DOCUMENTS_CLASSIFIED);
        }
        // A failed stream is opened again; reading documents again changes nothing, as each counts once.
        following = TopicStream.open(bootstrapServers, Topics.DOCUMENTS_CLASSIFIED,
                new StreamStart.Since(Instant.now().minus(KEPT)))
                .onFailure().invoke(e -> LOG.warnf("Following %s for the stats failed, retrying: %s",
                        Topics.DOCUMENTS_CLASSIFIED, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(item -> {
                    if (item instanceof TopicStream.Received received) {
                        apply(received);
                    }
                });
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (following != null) {
            following.cancel();
        }
    }

    /** The counts as of now. */
    public Stats snapshot() {
        Instant now = Instant.now();
        evictBefore(now.minus(KEPT));
        Map<String, Accumulator> windows = new LinkedHashMap<>();
        WINDOWS.forEach((name, length) -> windows.put(name, new Accumulator(now.minus(length))));
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS_IN_SERIES - 1, ChronoUnit.HOURS);
        List<HourAccumulator> hours = new ArrayList<>();
        for (int i = 0; i < HOURS_IN_SERIES; i++) {
            hours.add(new HourAccumulator(firstHour.plus(i, ChronoUnit.HOURS)));
        }
        for (Counted document : documents.values()) {
            windows.values().forEach(window -> window.add(document));
            long hour = ChronoUnit.HOURS.between(firstHour, document.firstClassifiedAt());
            if (!document.firstClassifiedAt().isBefore(firstHour) && hour < HOURS_IN_SERIES) {
                hours.get((int) hour).add(document);
            }
        }
        Map<String, Stats.Window> frozen = new LinkedHashMap<>();
        windows.forEach((name, window) -> frozen.put(name, window.freeze(now)));
        return new Stats(now, frozen, hours.stream().map(HourAccumulator::freeze).toList());
    }

    private void apply(TopicStream.Received record) {
        if (record.timestamp().isBefore(Instant.now().minus(KEPT))) {
            return;
        }
        try {
            DocumentClassified event = mapper.readValue(record.value(), DocumentClassified.class);
            List<DomainStance> labels = event.classification().domains() == null ? List.of()
                    : event.classification().domains().stream().map(DomainStance::of).toList();
            Map<String, Stance> domains = new LinkedHashMap<>();
            labels.forEach(domain -> domains.put(domain.domain(), domain.stance()));
            Stance strongest = labels.isEmpty() ? null : labels.get(0).stance();
            documents.merge(event.id(), new Counted(record.timestamp(), domains, strongest),
                    (earlier, latest) -> new Counted(earlier.firstClassifiedAt(), latest.domains(), latest.strongest()));
        } catch (Exception e) {
            LOG.debugf("Not counting unreadable record %s on %s: %s", record.key(), Topics.DOCUMENTS_CLASSIFIED,
                    e.getMessage());
        }
        if (applied.incrementAndGet() % EVICT_EVERY == 0) {
            evictBefore(Instant.now().minus(KEPT));
        }
    }

    private void evictBefore(Instant oldest) {
        documents.values().removeIf(document -> document.firstClassifiedAt().isBefore(oldest));
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("hour", Duration.ofHours(1));
        windows.put("day", Duration.ofDays(1));
        windows.put("week", KEPT);
        return windows;
    }

    private static final class Accumulator {
        private final Instant from;
        private final Map<String, int[]> domains = new TreeMap<>();
        private final int[] stances = new int[3];
        private int documents;

        Accumulator(Instant from) {
            this.from = from;
        }

        void add(Counted document) {
            if (document.firstClassifiedAt().isBefore(from)) {
                return;
            }
            documents++;
            document.domains().forEach((domain, stance) -> {
                int[] counts = domains.computeIfAbsent(domain, d -> new int[4]);
                counts[0]++;
                counts[1 + stance.ordinal()]++;
            });
            if (document.strongest() != null) {
                stances[document.strongest().ordinal()]++;
            }
        }

        Stats.Window freeze(Instant to) {
            Map<String, Stats.DomainCounts> byDomain = new LinkedHashMap<>();
            domains.forEach((domain, counts) -> byDomain.put(domain,
                    new Stats.DomainCounts(counts[0], counts[1 + Stance.SUPPORT.ordinal()],
                            counts[1 + Stance.OPPOSE.ordinal()], counts[1 + Stance.NEUTRAL.ordinal()])));
            return new Stats.Window(from, to, documents, byDomain, new StanceCounts(stances[Stance.SUPPORT.ordinal()],
                    stances[Stance.OPPOSE.ordinal()], stances[Stance.NEUTRAL.ordinal()]));
        }
    }

    private static final class HourAccumulator {
        private final Instant from;
        private final Map<String, Integer> domains = new TreeMap<>();
        private int documents;

        HourAccumulator(Instant from) {
            this.from = from;
        }

        void add(Counted document) {
            documents++;
            document.domains().keySet().forEach(domain -> domains.merge(domain, 1, Integer::sum));
        }

        Stats.Hour freeze() {
            return new Stats.Hour(from, documents, domains);
        }
    }
}
