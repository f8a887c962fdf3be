package io.policywatch.notify.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.Query;
import org.jboss.logging.Logger;

import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.Classification;

/**
 * Stored queries, indexed so that a document is matched only against the queries it could match. Each query is
 * compiled into a {@link QueryProgram} and filed three times under a few of its words or wildcard patterns (each time
 * under keys of which every document it matches holds one; each time under other keys where the query allows, as
 * "b" for "a AND b" filed under "a" first). A document is analysed once ({@link DocumentTerms}); the queries found
 * in every filing under its words and the patterns its words match are its candidates, and each
 * candidate's program runs on the document's positions. Queries outside what programs cover are run by Lucene, on
 * every document.
 * <p>
 * Thread-safe: changes take a write lock, matches a read lock.
 */
public final class StoredQueryIndex {

    private static final Logger LOG = Logger.getLogger(StoredQueryIndex.class);
    /** Filed under no key: a candidate for every document. */
    private static final int[][] EVERYWHERE = null;
    private static final int FILINGS = 3;
    /** Added to the cost of earlier filings' keys, so that a later filing picks others where it can. */
    private static final double FILED_ALREADY = 1e12;

    /**
     * A stored query: either a program, or (for syntax programs do not cover) the Lucene query.
     *
     * @param keys the atoms it is filed under, per filing, or {@link #EVERYWHERE}
     */
    private record StoredQuery(String id, int[] program, Query lucene, MatchFilter filter, int[][] keys) {
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Vocabulary vocabulary = new Vocabulary();
    private final Map<String, Integer> slotsById = new HashMap<>();
    /** Queries by slot; a removed query leaves a free slot for the next one. */
    private final List<StoredQuery> slots = new ArrayList<>();
    private final IntList freeSlots = new IntList();
    /** Per filing: term id → slots filed under the term. */
    private final List<List<IntList>> byTerm = filings();
    /** Per filing: pattern id → slots filed under the pattern. */
    private final List<List<IntList>> byPattern = filings();
    private final IntList everywhere = new IntList();
    /** How many stored queries name each term / pattern: the estimate of how common it is. */
    private final IntList termUses = new IntList();
    private final IntList patternUses = new IntList();

    /**
     * Adds a query or replaces the one stored under the id.
     *
     * @throws InvalidQueryException when the query does not parse (nothing changes then)
     */
    public void put(String id, String query, MatchFilter filter) throws InvalidQueryException {
        QueryCompiler.requireText(query);
        QueryProgram.Node parsed;
        Query lucene = null;
        try {
            parsed = QueryProgram.parse(query);
        } catch (ParseException | RuntimeException e) {
            parsed = null;
        }
        if (parsed == null) {
            // Also how a query that does not parse gets the complex-phrase parser's explanation.
            lucene = QueryCompiler.compile(query);
        }
        lock.writeLock().lock();
        try {
            removeLocked(id);
            int[] program = parsed == null ? null : QueryProgram.encode(parsed, vocabulary);
            int slot = freeSlots.size() > 0 ? freeSlots.removeLast() : slots.size();
            int[][] keys = program == null ? EVERYWHERE : keys(program);
            StoredQuery stored = new StoredQuery(id, program, lucene, filter, keys);
            if (slot == slots.size()) {
                slots.add(stored);
            } else {
                slots.set(slot, stored);
            }
            slotsById.put(id, slot);
            file(slot, stored, true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Counts the program's uses first, so that a query's own repeated words weigh too. */
    private int[][] keys(int[] program) {
        use(QueryProgram.atoms(program), 1);
        int[][] keys = new int[FILINGS][];
        IntList filed = new IntList();
        for (int filing = 0; filing < FILINGS; filing++) {
            int[] earlier = filed.toArray();
            Arrays.sort(earlier);
            IntList chosen = QueryProgram.keys(program,
                    atom -> cost(atom) + (Arrays.binarySearch(earlier, atom) >= 0 ? FILED_ALREADY : 0));
            if (chosen == null) {
                return EVERYWHERE;
            }
            keys[filing] = chosen.toArray();
            filed.addAll(chosen);
        }
        return keys;
    }

    private static List<List<IntList>> filings() {
        List<List<IntList>> filings = new ArrayList<>();
        for (int filing = 0; filing < FILINGS; filing++) {
            filings.add(new ArrayList<>());
        }
        return List.copyOf(filings);
    }

    /**
     * How common a word is expected to be in documents: more so when many queries name it (analysts watch the
     * domain's common words) and when it is short. A pattern matches more words than one.
     */
    private double cost(int atom) {
        if (atom >= 0) {
            return (1.0 + termUses.get(atom)) / (1 + vocabulary.term(atom).length());
        }
        Vocabulary.Pattern pattern = vocabulary.pattern(-1 - atom);
        return 2.0 * (1.0 + patternUses.get(-1 - atom)) / (1 + pattern.literal().length());
    }

    private void use(IntList atoms, int delta) {
        for (int i = 0; i < atoms.size(); i++) {
            int atom = atoms.get(i);
            IntList uses = atom >= 0 ? termUses : patternUses;
            int index = atom >= 0 ? atom : -1 - atom;
            while (uses.size() <= index) {
                uses.add(0);
            }
            uses.set(index, uses.get(index) + delta);
        }
    }

    /** Files the slot under its keys, or takes it out of them. */
    private void file(int slot, StoredQuery stored, boolean add) {
        if (stored.keys() == EVERYWHERE) {
            change(everywhere, slot, add);
            return;
        }
        for (int filing = 0; filing < FILINGS; filing++) {
            for (int atom : stored.keys()[filing]) {
                List<IntList> lists = (atom >= 0 ? byTerm : byPattern).get(filing);
                int index = atom >= 0 ? atom : -1 - atom;
                while (lists.size() <= index) {
                    lists.add(null);
                }
                if (lists.get(index) == null) {
                    lists.set(index, new IntList(2));
                }
                change(lists.get(index), slot, add);
            }
        }
    }

    private static void change(IntList slots, int slot, boolean add) {
        if (add) {
            slots.add(slot);
        } else {
            slots.removeValue(slot);
        }
    }

    public void remove(String id) {
        lock.writeLock().lock();
        try {
            removeLocked(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeLocked(String id) {
        Integer slot = slotsById.remove(id);
        if (slot == null) {
            return;
        }
        StoredQuery stored = slots.get(slot);
        file(slot, stored, false);
        if (stored.program() != null) {
            use(QueryProgram.atoms(stored.program()), -1);
        }
        slots.set(slot, null);
        freeSlots.add(slot);
    }

    /** How many queries are stored. */
    public int size() {
        lock.readLock().lock();
        try {
            return slotsById.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A stored query that fired on a document, with its passages. */
    public record Fired(String id, List<MatchedPassage> passages) {
    }

    /**
     * The stored queries that fire on a document, with their passages.
     *
     * @param text the document text, which the classification's sentence offsets point into
     * @param wanted which candidate ids to match at all (those that already alerted need not be)
     * @return each query that fires, once, in no particular order (a list, not a map by id: with a million
     *         subscriptions tens of thousands fire, and hashing their ids was a quarter of the matching time)
     */
    public List<Fired> match(String text, Classification classification, Predicate<String> wanted) {
        lock.readLock().lock();
        try {
            DocumentTerms terms = new DocumentTerms(text, vocabulary);
            MatchableDocument document = MatchableDocument.of(text, classification);
            long[] candidates = candidates(terms);
            int count = 0;
            for (long bits : candidates) {
                count += Long.bitCount(bits);
            }
            // Sized for every candidate firing: no copying of thousands of alerts.
            List<Fired> fired = new ArrayList<>(count);
            for (int word = 0; word < candidates.length; word++) {
                for (long bits = candidates[word]; bits != 0; bits &= bits - 1) {
                    StoredQuery query = slots.get(word * 64 + Long.numberOfTrailingZeros(bits));
                    if (query != null && wanted.test(query.id())) {
                        match(query, terms, document).ifPresent(passages -> fired.add(new Fired(query.id(), passages)));
                    }
                }
            }
            return fired;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The slots found in both filings under the document's words and the patterns they match, and those filed
     * everywhere.
     */
    private long[] candidates(DocumentTerms terms) {
        long[] candidates = null;
        for (int filing = 0; filing < FILINGS; filing++) {
            long[] found = new long[(slots.size() + 63) / 64];
            List<IntList> termSlots = byTerm.get(filing);
            for (int i = 0; i < terms.termIds().size(); i++) {
                int term = terms.termIds().get(i);
                mark(term < termSlots.size() ? termSlots.get(term) : null, found);
            }
            List<IntList> patternSlots = byPattern.get(filing);
            for (int i = 0; i < terms.patternIds().size(); i++) {
                int pattern = terms.patternIds().get(i);
                mark(pattern < patternSlots.size() ? patternSlots.get(pattern) : null, found);
            }
            mark(everywhere, found);
            if (candidates == null) {
                candidates = found;
            } else {
                for (int word = 0; word < candidates.length; word++) {
                    candidates[word] &= found[word];
                }
            }
        }
        return candidates;
    }

    private static void mark(IntList slots, long[] candidates) {
        for (int i = 0; slots != null && i < slots.size(); i++) {
            int slot = slots.get(i);
            candidates[slot >>> 6] |= 1L << slot;
        }
    }

    private static Optional<List<MatchedPassage>> match(StoredQuery query, DocumentTerms terms,
            MatchableDocument document) {
        try {
            if (query.program() == null) {
                return document.match(query.lucene(), query.filter());
            }
            if (!QueryProgram.matches(query.program(), terms)) {
                return Optional.empty();
            }
            long[] hits = QueryProgram.hits(query.program(), terms);
            int[] starts = new int[hits.length];
            int[] ends = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                starts[i] = terms.startOffset((int) (hits[i] >>> 32));
                ends[i] = terms.endOffset((int) hits[i]);
            }
            return document.passages(new MatchableDocument.Hits(starts, ends, hits.length), query.filter());
        } catch (RuntimeException e) {
            // One query's failure (too costly for this text, say) must not cost the others their match.
            LOG.errorf(e, "Query %s could not be matched", query.id());
            return Optional.empty();
        }
    }
}
