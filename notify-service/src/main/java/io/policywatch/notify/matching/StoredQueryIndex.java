package io.policywatch.notify.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.Classification;

/**
 * Stored queries, indexed with Lucene Monitor so that a document is matched only against the queries it could
 * match: the presearcher selects the queries whose terms (or wildcard prefixes) occur in the document, and only
 * those are run, each with exactly the semantics of {@link MatchableDocument#match(Query, MatchFilter)}.
 * <p>
 * Changes are queued and applied in batches (before the next match at the latest): the monitor commits its own
 * index on every update, which would make loading a hundred thousand subscriptions one by one slow.
 */
public final class StoredQueryIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoredQueryIndex.class);
    /** Queued changes applied at once while loading; also the monitor's own commit batch. */
    private static final int BATCH_SIZE = 5_000;
    /**
     * A conjunction is indexed under a different one of its terms in each pass, and is a candidate only for
     * documents that hold all of them: far fewer candidates for the usual "a AND b AND c" subscription.
     */
    private static final int PRESEARCH_PASSES = 3;

    private record StoredQuery(Query query, MatchFilter filter) {
    }

    /** What the monitor indexes: a query that selects the stored query's candidate documents. */
    private record Registration(StoredQuery stored, Query candidateQuery) {
    }

    private final Monitor monitor;
    /** The queries the monitor holds, by id: what a candidate id is matched with. */
    private final Map<String, StoredQuery> stored = new ConcurrentHashMap<>();
    /** Id → the new query, or empty to remove it; applied by {@link #flush()}. Guarded by {@code this}. */
    private final Map<String, Optional<Registration>> pending = new LinkedHashMap<>();

    public StoredQueryIndex() {
        try {
            monitor = new Monitor(QueryCompiler.ANALYZER, new MultipassTermFilteredPresearcher(PRESEARCH_PASSES,
                    0, TermFilteredPresearcher.DEFAULT_WEIGHTOR, List.of(new WildcardPrefixHandler()), Set.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory monitor does not do I/O", e);
        }
    }

    /**
     * Adds a query or replaces the one stored under the id.
     *
     * @throws InvalidQueryException when the query does not parse (nothing changes then)
     */
    public void put(String id, String query, MatchFilter filter) throws InvalidQueryException {
        Registration registration = new Registration(new StoredQuery(QueryCompiler.compile(query), filter),
                QueryCompiler.candidateQuery(query));
        queue(id, Optional.of(registration));
    }

    public void remove(String id) {
        queue(id, Optional.empty());
    }

    private void queue(String id, Optional<Registration> change) {
        boolean full;
        synchronized (this) {
            pending.put(id, change);
            full = pending.size() >= BATCH_SIZE;
        }
        if (full) {
            flush();
        }
    }

    /** How many queries are stored, queued changes included. */
    public synchronized int size() {
        int size = stored.size();
        for (Map.Entry<String, Optional<Registration>> change : pending.entrySet()) {
            boolean known = stored.containsKey(change.getKey());
            size += change.getValue().isPresent() ? (known ? 0 : 1) : (known ? -1 : 0);
        }
        return size;
    }

    /** Applies the queued changes to the monitor. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<MonitorQuery> registrations = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        pending.forEach((id, change) -> change.ifPresentOrElse(
                registration -> registrations.add(new MonitorQuery(id, registration.candidateQuery())),
                () -> removals.add(id)));
        try {
            // Registering under an existing id replaces that query's index entry.
            monitor.register(registrations);
            monitor.deleteById(removals);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory monitor does not do I/O", e);
        }
        pending.forEach((id, change) -> change.ifPresentOrElse(registration -> stored.put(id, registration.stored()),
                () -> stored.remove(id)));
        pending.clear();
    }

    /**
     * The stored queries that fire on a document, with their passages.
     *
     * @param text the document text, which the classification's sentence offsets point into
     * @param wanted which candidate ids to match at all (those that already alerted need not be)
     * @return query id → passages, for each query that fires
     */
    public Map<String, List<MatchedPassage>> match(String text, Classification classification,
            Predicate<String> wanted) {
        flush();
        Document document = new Document();
        document.add(new TextField(QueryCompiler.TEXT_FIELD, text, Field.Store.NO));
        Map<String, List<MatchedPassage>> fired = new LinkedHashMap<>();
        try {
            monitor.match(document, searcher -> new Matcher(searcher, text, classification, wanted, fired));
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory monitor does not do I/O", e);
        }
        return fired;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            LOG.warnf("Closing the query monitor failed: %s", e.getMessage());
        }
    }

    /**
     * Runs each candidate's real query on the document the monitor indexed. Results are collected directly: the
     * monitor's own match records would only repeat the ids.
     */
    private final class Matcher extends CandidateMatcher<QueryMatch> {

        private final MatchableDocument document;
        private final Predicate<String> wanted;
        private final Map<String, List<MatchedPassage>> fired;
        /** The monitor splits a top-level OR into parts that are candidates on their own: one match per id. */
        private final Set<String> tried = new HashSet<>();

        Matcher(IndexSearcher searcher, String text, Classification classification, Predicate<String> wanted,
                Map<String, List<MatchedPassage>> fired) {
            super(searcher);
            this.document = MatchableDocument.of(text, classification, searcher);
            this.wanted = wanted;
            this.fired = fired;
        }

        @Override
        protected void matchQuery(String id, Query candidateQuery, Map<String, String> metadata) {
            StoredQuery query = stored.get(id);
            if (query == null || !tried.add(id) || !wanted.test(id)) {
                return;
            }
            try {
                document.match(query.query(), query.filter()).ifPresent(passages -> fired.put(id, passages));
            } catch (RuntimeException e) {
                // One query's failure (too costly for this text, say) must not cost the others their match.
                LOG.errorf(e, "Query %s could not be matched", id);
            }
        }

        @Override
        public QueryMatch resolve(QueryMatch first, QueryMatch second) {
            return first;
        }
    }
}
