package io.policywatch.notify.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.policywatch.events.Classification.StanceCounts;

/**
 * Counts of classified documents.
 *
 * @param windows "hour", "day" and "week": the documents first classified in the last hour, day, week
 * @param hourly the last 24 clock hours, oldest first, the current one last
 */
public record Stats(Instant generatedAt, Map<String, Window> windows, List<Hour> hourly) {

    /**
     * @param domains per domain: the documents that have it, and how many of them it has of each prevailing stance
     * @param stances documents by the stance that prevails in their strongest domain (documents without a domain
     *        are counted in {@code documents} only)
     */
    public record Window(Instant from, Instant to, int documents, Map<String, DomainCounts> domains,
            StanceCounts stances) {
    }

    public record DomainCounts(int documents, int support, int oppose, int neutral) {
    }

    /** One clock hour: its documents, and per domain the documents that have it. */
    public record Hour(Instant from, int documents, Map<String, Integer> domains) {
    }
}
