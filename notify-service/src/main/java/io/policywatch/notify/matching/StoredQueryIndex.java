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

    /** {@link #programAt} of a query that Lucene runs. */
    private static final int NO_PROGRAM = -1;
    /** {@link #filterIds} of a query without filter. */
    private static final int NO_FILTER = -1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Vocabulary vocabulary = new Vocabulary();
    private final Map<String, Integer> slotsById = new HashMap<>();
    /*
     * The stored queries by slot, one array per field rather than an object per query: with a million queries, a
     * document's tens of thousands of candidates are read in slot order from a few arrays instead of from objects
     * spread over the heap (reading those was a quarter of the matching time). A removed query leaves a free slot
     * (a null id) for the next one.
     */
    private String[] ids = new String[16];
    /** Where the slot's program starts in {@link #programs}, or {@link #NO_PROGRAM}. */
    private int[] programAt = new int[16];
    /** For the slots without program: the Lucene query. */
    private Query[] luceneQueries = new Query[16];
    /** Index into {@link #filters}, or {@link #NO_FILTER}. */
    private int[] filterIds = new int[16];
    /** The atoms the slot is filed under, per filing, or {@link #EVERYWHERE}: for taking it out again. */
    private int[][][] keys = new int[16][][];
    /** Slots handed out so far, free ones included. */
    private int slotCount;
    private final IntList freeSlots = new IntList();
    /**
     * Every program, each after its length, in slot order (new programs are appended; {@link #compactPrograms()}
     * restores the order and drops removed ones).
     */
    private int[] programs = new int[1024];
    private int programsEnd;
    private int removedProgramInts;
    /**
     * The distinct filters of stored queries, never removed (there are few: the domains, stances and scores
     * subscriptions choose), so that a document decides each filter's sentences once.
     */
    private final Map<MatchFilter, Integer> filterIdsByFilter = new HashMap<>();
    private final List<MatchFilter> filters = new ArrayList<>();
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
            int[][] filed = program == null ? EVERYWHERE : keys(program);
            int at = program == null ? NO_PROGRAM : appendProgram(program);
            int slot = freeSlots.size() > 0 ? freeSlots.removeLast() : newSlot();
            ids[slot] = id;
            programAt[slot] = at;
            luceneQueries[slot] = lucene;
            filterIds[slot] = filter.isEmpty() ? NO_FILTER : filterId(filter);
            keys[slot] = filed;
            slotsById.put(id, slot);
            file(slot, filed, true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int newSlot() {
        if (slotCount == ids.length) {
            int capacity = ids.length + (ids.length >> 1);
            ids = Arrays.copyOf(ids, capacity);
            programAt = Arrays.copyOf(programAt, capacity);
            luceneQueries = Arrays.copyOf(luceneQueries, capacity);
            filterIds = Arrays.copyOf(filterIds, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        return slotCount++;
    }

    private int filterId(MatchFilter filter) {
        return filterIdsByFilter.computeIfAbsent(filter, added -> {
            filters.add(added);
            return filters.size() - 1;
        });
    }

    /** @return where the program starts in {@link #programs} */
    private int appendProgram(int[] program) {
        if (programsEnd + 1 + program.length > programs.length) {
            if (removedProgramInts > programsEnd / 2) {
                compactPrograms();
            }
            if (programsEnd + 1 + program.length > programs.length) {
                programs = Arrays.copyOf(programs,
                        Math.max(programs.length + (programs.length >> 1), programsEnd + 1 + program.length));
            }
        }
        programs[programsEnd] = program.length;
        System.arraycopy(program, 0, programs, programsEnd + 1, program.length);
        programsEnd += 1 + program.length;
        return programsEnd - program.length;
    }

    /** Rewrites the live programs in slot order, without the removed ones. */
    private void compactPrograms() {
        int[] compacted = new int[programs.length];
        int end = 0;
        for (int slot = 0; slot < slotCount; slot++) {
            if (ids[slot] != null && programAt[slot] != NO_PROGRAM) {
                int length = programs[programAt[slot] - 1];
                System.arraycopy(programs, programAt[slot] - 1, compacted, end, 1 + length);
                programAt[slot] = end + 1;
                end += 1 + length;
            }
        }
        programs = compacted;
        programsEnd = end;
        removedProgramInts = 0;
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
    private void file(int slot, int[][] filed, boolean add) {
        if (filed == EVERYWHERE) {
            change(everywhere, slot, add);
            return;
        }
        for (int filing = 0; filing < FILINGS; filing++) {
            for (int atom : filed[filing]) {
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
        file(slot, keys[slot], false);
        if (programAt[slot] != NO_PROGRAM) {
            int at = programAt[slot];
            use(QueryProgram.atoms(programs, at), -1);
            removedProgramInts += 1 + programs[at - 1];
        }
        ids[slot] = null;
        programAt[slot] = NO_PROGRAM;
        luceneQueries[slot] = null;
        keys[slot] = null;
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
            // Per filter, its qualifying sentences in this document, decided when a query with it first fires.
            boolean[][] qualifying = new boolean[filters.size()][];
            long[] candidates = candidates(terms);
            int count = 0;
            for (long bits : candidates) {
                count += Long.bitCount(bits);
            }
            // Sized for every candidate firing: no copying of thousands of alerts.
            List<Fired> fired = new ArrayList<>(count);
            for (int word = 0; word < candidates.length; word++) {
                for (long bits = candidates[word]; bits != 0; bits &= bits - 1) {
                    int slot = word * 64 + Long.numberOfTrailingZeros(bits);
                    String id = ids[slot];
                    if (id != null && wanted.test(id)) {
                        match(slot, terms, document, qualifying)
                                .ifPresent(passages -> fired.add(new Fired(id, passages)));
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
            long[] found = new long[(slotCount + 63) / 64];
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

    private Optional<List<MatchedPassage>> match(int slot, DocumentTerms terms, MatchableDocument document,
            boolean[][] qualifying) {
        try {
            int at = programAt[slot];
            if (at == NO_PROGRAM) {
                return document.match(luceneQueries[slot], filter(slot));
            }
            long[] hits = QueryProgram.hits(programs, at, terms);
            if (hits == null) {
                return Optional.empty();
            }
            int[] starts = new int[hits.length];
            int[] ends = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                starts[i] = terms.startOffset((int) (hits[i] >>> 32));
                ends[i] = terms.endOffset((int) hits[i]);
            }
            int filter = filterIds[slot];
            if (filter != NO_FILTER && qualifying[filter] == null) {
                qualifying[filter] = document.qualifyingSentences(filters.get(filter));
            }
            return document.passages(new MatchableDocument.Hits(starts, ends, hits.length),
                    filter == NO_FILTER ? null : qualifying[filter]);
        } catch (RuntimeException e) {
            // One query's failure (too costly for this text, say) must not cost the others their match.
            LOG.errorf(e, "Query %s could not be matched", ids[slot]);
            return Optional.empty();
        }
    }

    private MatchFilter filter(int slot) {
        return filterIds[slot] == NO_FILTER ? MatchFilter.NONE : filters.get(filterIds[slot]);
    }
}
