package io.policywatch.notify.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * One classified document, indexed in memory so that any number of subscription queries can be run against it.
 * A query's hits are found with Lucene's Matches API (character offsets of each hit) and mapped to the
 * classifier's sentences, which say whether the hit is in a passage of the wanted domain and stance.
 */
public final class MatchableDocument {

    /** An alert shows at most this many passages: enough to judge, small enough for a webhook body. */
    static final int MAX_PASSAGES = 20;

    private final String text;
    private final Classification classification;
    private final List<SentenceLabel> sentences;
    private final IndexSearcher searcher;
    private final LeafReaderContext leaf;

    private MatchableDocument(String text, Classification classification, IndexSearcher searcher) {
        this.text = text;
        this.classification = classification;
        this.sentences = classification.sentences() == null ? List.of()
                : classification.sentences().stream()
                        .filter(sentence -> sentence.start() >= 0 && sentence.start() < sentence.end()
                                && sentence.end() <= text.length())
                        .sorted(Comparator.comparingInt(SentenceLabel::start))
                        .toList();
        this.searcher = searcher;
        this.leaf = searcher.getIndexReader().leaves().get(0);
    }

    /** @param text the document text, which the classification's sentence offsets point into */
    public static MatchableDocument of(String text, Classification classification) {
        MemoryIndex index = new MemoryIndex(true);
        index.addField(QueryCompiler.TEXT_FIELD, text, QueryCompiler.ANALYZER);
        return new MatchableDocument(text, classification, index.createSearcher());
    }

    /**
     * @param searcher over the text alone, indexed as {@link QueryCompiler#TEXT_FIELD} by
     *        {@link QueryCompiler#ANALYZER} with offsets (as Lucene Monitor indexes a document)
     */
    static MatchableDocument of(String text, Classification classification, IndexSearcher searcher) {
        return new MatchableDocument(text, classification, searcher);
    }

    /**
     * Whether a subscription fires on this document, and on which passages.
     *
     * @return empty when it does not fire; else the sentences that hold hits (and satisfy the filter), each with
     *         its hits marked, in text order
     */
    public Optional<List<MatchedPassage>> match(Query query, MatchFilter filter) {
        List<Hit> hits = hits(query);
        if (hits == null) {
            return Optional.empty();
        }
        Map<SentenceLabel, List<Hit>> hitSentences = bySentence(hits);
        Set<String> qualifyingDomains = filter.qualifyingDomains(classification);
        List<MatchedPassage> passages = hitSentences.entrySet().stream()
                .filter(entry -> filter.isEmpty() || qualifies(entry.getKey(), filter, qualifyingDomains))
                .limit(MAX_PASSAGES)
                .map(entry -> passage(entry.getKey(), entry.getValue()))
                .toList();
        if (!filter.isEmpty() && passages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(passages);
    }

    private static boolean qualifies(SentenceLabel sentence, MatchFilter filter, Set<String> qualifyingDomains) {
        boolean domainOk = qualifyingDomains == null
                || (sentence.domains() != null && sentence.domains().stream().anyMatch(qualifyingDomains::contains));
        boolean stanceOk = filter.stance() == null || filter.stance() == sentence.stance();
        return domainOk && stanceOk;
    }

    /** The query's hits in text order, or null when the query does not match the document. */
    private List<Hit> hits(Query query) {
        try {
            Query rewritten = searcher.rewrite(query);
            Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
            Matches matches = weight.matches(leaf, 0);
            if (matches == null) {
                return null;
            }
            List<Hit> hits = new ArrayList<>();
            MatchesIterator iterator = matches.getMatches(QueryCompiler.TEXT_FIELD);
            // Null for queries that match without positions in the text (e.g. *:*): a match without passages.
            while (iterator != null && iterator.next()) {
                if (iterator.startOffset() >= 0) {
                    hits.add(new Hit(iterator.startOffset(), iterator.endOffset()));
                }
            }
            hits.sort(Comparator.comparingInt(Hit::start));
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index does not do I/O", e);
        }
    }

    /** The sentences that overlap at least one hit, in text order, each with its hits. */
    private Map<SentenceLabel, List<Hit>> bySentence(List<Hit> hits) {
        Map<SentenceLabel, List<Hit>> result = new LinkedHashMap<>();
        for (Hit hit : hits) {
            for (int i = firstSentenceEndingAfter(hit.start()); i < sentences.size()
                    && sentences.get(i).start() < hit.end(); i++) {
                result.computeIfAbsent(sentences.get(i), sentence -> new ArrayList<>()).add(hit);
            }
        }
        return result;
    }

    /** Binary search over the (non-overlapping, ordered) sentences. */
    private int firstSentenceEndingAfter(int offset) {
        int low = 0;
        int high = sentences.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sentences.get(middle).end() <= offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private MatchedPassage passage(SentenceLabel sentence, List<Hit> hits) {
        String sentenceText = text.substring(sentence.start(), sentence.end());
        return new MatchedPassage(sentence.index(), sentence.start(), sentence.end(), sentenceText,
                highlight(sentenceText, sentence.start(), hits), sentence.domains(), sentence.stance());
    }

    /**
     * The sentence with each hit in {@code <mark>}. The rest is HTML-escaped: the field is meant to be shown as
     * HTML, and document text must not inject markup into a dashboard or mail.
     */
    static String highlight(String sentenceText, int sentenceStart, List<Hit> hits) {
        StringBuilder out = new StringBuilder(sentenceText.length() + hits.size() * 13);
        int cursor = 0;
        for (Hit hit : hits) {
            int start = Math.max(hit.start() - sentenceStart, cursor);
            int end = Math.min(hit.end() - sentenceStart, sentenceText.length());
            if (start >= end) {
                continue; // overlaps a hit already marked
            }
            escape(sentenceText, cursor, start, out);
            out.append("<mark>");
            escape(sentenceText, start, end, out);
            out.append("</mark>");
            cursor = end;
        }
        escape(sentenceText, cursor, sentenceText.length(), out);
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    /** A hit's character offsets in the document text, end exclusive. */
    record Hit(int start, int end) {
    }
}
