package io.policywatch.notify.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.Classification;
import io.policywatch.events.Classification.SentenceLabel;

/**
 * One classified document, and the passages a subscription's hits make in it: hits are mapped to the classifier's
 * sentences, which say whether the hit is in a passage of the wanted domain and stance. Hits come from a compiled
 * query ({@link QueryProgram}) or from a Lucene query run on the document indexed in memory (with Lucene's Matches
 * API), which is built only when such a query is asked for. Not thread-safe: one thread matches a document.
 */
public final class MatchableDocument {

    /** An alert shows at most this many passages: enough to judge, small enough for a webhook body. */
    static final int MAX_PASSAGES = 20;
    private static final String MARK = "<mark>";
    private static final String END_MARK = "</mark>";

    private final String text;
    private final Classification classification;
    private final SentenceLabel[] sentences;
    /** The sentences' offsets, apart: every hit of every firing query is placed by a search over them. */
    private final int[] sentenceStarts;
    private final int[] sentenceEnds;
    /** Each sentence's text, cut once: the many subscriptions that fire on a sentence share it. */
    private final String[] sentenceTexts;
    /** Per sentence: 0 not yet known, 1 nothing to escape, 2 something to escape. */
    private final byte[] plainSentences;
    /** Where highlights are written. */
    private char[] buffer = new char[512];
    private int length;
    private IndexSearcher searcher;

    private MatchableDocument(String text, Classification classification) {
        this.text = text;
        this.classification = classification;
        this.sentences = classification.sentences() == null ? new SentenceLabel[0]
                : classification.sentences().stream()
                        .filter(sentence -> sentence.start() >= 0 && sentence.start() < sentence.end()
                                && sentence.end() <= text.length())
                        .sorted(Comparator.comparingInt(SentenceLabel::start))
                        .toArray(SentenceLabel[]::new);
        this.sentenceStarts = Arrays.stream(sentences).mapToInt(SentenceLabel::start).toArray();
        this.sentenceEnds = Arrays.stream(sentences).mapToInt(SentenceLabel::end).toArray();
        this.sentenceTexts = new String[sentences.length];
        this.plainSentences = new byte[sentences.length];
    }

    /** @param text the document text, which the classification's sentence offsets point into */
    public static MatchableDocument of(String text, Classification classification) {
        return new MatchableDocument(text, classification);
    }

    /**
     * Whether a Lucene query fires on this document, and on which passages.
     *
     * @return empty when it does not fire; else the sentences that hold hits (and satisfy the filter), each with
     *         its hits marked, in text order
     */
    public Optional<List<MatchedPassage>> match(Query query, MatchFilter filter) {
        try {
            IndexSearcher searcher = searcher();
            Query rewritten = searcher.rewrite(query);
            Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
            LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
            Matches matches = weight.matches(leaf, 0);
            if (matches == null) {
                return Optional.empty();
            }
            IntList starts = new IntList();
            IntList ends = new IntList();
            MatchesIterator iterator = matches.getMatches(QueryCompiler.TEXT_FIELD);
            // Null for queries that match without positions in the text (e.g. *:*): a match without passages.
            while (iterator != null && iterator.next()) {
                if (iterator.startOffset() >= 0) {
                    starts.add(iterator.startOffset());
                    ends.add(iterator.endOffset());
                }
            }
            return passages(sortedByStart(starts.toArray(), ends.toArray()), qualifyingSentences(filter));
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index does not do I/O", e);
        }
    }

    private IndexSearcher searcher() {
        if (searcher == null) {
            MemoryIndex index = new MemoryIndex(true);
            index.addField(QueryCompiler.TEXT_FIELD, text, QueryCompiler.ANALYZER);
            searcher = index.createSearcher();
        }
        return searcher;
    }

    /** Lucene hands the hits in position order; a stable sort by start offset keeps that order among equals. */
    private static Hits sortedByStart(int[] starts, int[] ends) {
        Integer[] order = new Integer[starts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> starts[i]));
        int[] sortedStarts = new int[starts.length];
        int[] sortedEnds = new int[ends.length];
        for (int i = 0; i < order.length; i++) {
            sortedStarts[i] = starts[order[i]];
            sortedEnds[i] = ends[order[i]];
        }
        return new Hits(sortedStarts, sortedEnds, starts.length);
    }

    /**
     * Which sentences satisfy the filter on this document, by sentence; null for the empty filter (every sentence
     * does). Decided once per document and filter: many subscriptions share a filter.
     */
    boolean[] qualifyingSentences(MatchFilter filter) {
        if (filter.isEmpty()) {
            return null;
        }
        Set<String> qualifyingDomains = filter.qualifyingDomains(classification);
        boolean[] qualifying = new boolean[sentences.length];
        for (int s = 0; s < sentences.length; s++) {
            qualifying[s] = qualifies(sentences[s], filter, qualifyingDomains);
        }
        return qualifying;
    }

    /**
     * The passages of a query's hits, or empty when the filter leaves none (a query that matches without hits
     * fires with no passages when it has no filter).
     *
     * @param hits character offsets, in the order they are marked: by start, then as Lucene orders equal starts
     * @param qualifying the filter's {@link #qualifyingSentences(MatchFilter) sentences}; null for no filter
     */
    Optional<List<MatchedPassage>> passages(Hits hits, boolean[] qualifying) {
        // Each (sentence, hit) pair as sentence << 32 | hit: sorted, they group each sentence's hits in order.
        long[] pairs = new long[Math.max(4, hits.count())];
        int pairCount = 0;
        // Hits come by start, so each hit's sentences after the last one seen are new; once enough passages are
        // known, later hits only reach later sentences.
        int lastSentence = -1;
        int qualifyingSeen = 0;
        for (int hit = 0; hit < hits.count(); hit++) {
            int first = firstSentenceEndingAfter(hits.starts()[hit]);
            if (qualifyingSeen >= MAX_PASSAGES && first > lastSentence) {
                break;
            }
            for (int s = first; s < sentences.length && sentenceStarts[s] < hits.ends()[hit]; s++) {
                if (pairCount == pairs.length) {
                    pairs = Arrays.copyOf(pairs, pairCount * 2);
                }
                pairs[pairCount++] = (long) s << 32 | hit;
                if (s > lastSentence) {
                    lastSentence = s;
                    if (qualifying == null || qualifying[s]) {
                        qualifyingSeen++;
                    }
                }
            }
        }
        Arrays.sort(pairs, 0, pairCount);
        List<MatchedPassage> passages = new ArrayList<>();
        for (int from = 0; from < pairCount && passages.size() < MAX_PASSAGES;) {
            int sentence = (int) (pairs[from] >>> 32);
            int to = from + 1;
            while (to < pairCount && (int) (pairs[to] >>> 32) == sentence) {
                to++;
            }
            if (qualifying == null || qualifying[sentence]) {
                passages.add(passage(sentence, hits, pairs, from, to));
            }
            from = to;
        }
        if (qualifying != null && passages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(passages);
    }

    private static boolean qualifies(SentenceLabel sentence, MatchFilter filter, Set<String> qualifyingDomains) {
        if (filter.stance() != null && filter.stance() != sentence.stance()) {
            return false;
        }
        if (qualifyingDomains == null) {
            return true;
        }
        if (sentence.domains() != null) {
            for (String domain : sentence.domains()) {
                if (qualifyingDomains.contains(domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Binary search over the (non-overlapping, ordered) sentences. */
    private int firstSentenceEndingAfter(int offset) {
        int low = 0;
        int high = sentences.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sentenceEnds[middle] <= offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private MatchedPassage passage(int index, Hits hits, long[] pairs, int from, int to) {
        SentenceLabel sentence = sentences[index];
        if (sentenceTexts[index] == null) {
            sentenceTexts[index] = text.substring(sentence.start(), sentence.end());
        }
        return new MatchedPassage(sentence.index(), sentence.start(), sentence.end(), sentenceTexts[index],
                highlight(index, hits, pairs, from, to), sentence.domains(), sentence.stance());
    }

    /**
     * The sentence with each hit in {@code <mark>}. The rest is HTML-escaped: the field is meant to be shown as
     * HTML, and document text must not inject markup into a dashboard or mail. Written into one buffer with bulk
     * copies: thousands of subscriptions may fire on one document, each with up to {@value #MAX_PASSAGES}.
     */
    private String highlight(int index, Hits hits, long[] pairs, int from, int to) {
        SentenceLabel sentence = sentences[index];
        boolean plain = isPlain(index);
        length = 0;
        int cursor = sentence.start();
        for (int pair = from; pair < to; pair++) {
            int hit = (int) pairs[pair];
            int start = Math.max(hits.starts()[hit], cursor);
            int end = Math.min(hits.ends()[hit], sentence.end());
            if (start >= end) {
                continue; // overlaps a hit already marked
            }
            copy(cursor, start, plain);
            append(MARK);
            copy(start, end, plain);
            append(END_MARK);
            cursor = end;
        }
        copy(cursor, sentence.end(), plain);
        return new String(buffer, 0, length);
    }

    /** Whether the sentence has nothing to escape, decided once per sentence. */
    private boolean isPlain(int index) {
        if (plainSentences[index] == 0) {
            boolean plain = true;
            for (int i = sentences[index].start(); i < sentences[index].end() && plain; i++) {
                plain = entity(text.charAt(i)) == null;
            }
            plainSentences[index] = (byte) (plain ? 1 : 2);
        }
        return plainSentences[index] == 1;
    }

    private void copy(int from, int to, boolean plain) {
        if (plain) {
            reserve(to - from);
            text.getChars(from, to, buffer, length);
            length += to - from;
            return;
        }
        for (int i = from; i < to; i++) {
            String entity = entity(text.charAt(i));
            if (entity == null) {
                reserve(1);
                buffer[length++] = text.charAt(i);
            } else {
                append(entity);
            }
        }
    }

    private void append(String markup) {
        reserve(markup.length());
        markup.getChars(0, markup.length(), buffer, length);
        length += markup.length();
    }

    private void reserve(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static String entity(char c) {
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            default -> null;
        };
    }

    /** Hits as character offsets in the document text (end exclusive), the first {@code count} of each array. */
    record Hits(int[] starts, int[] ends, int count) {
    }
}
