package io.policywatch.notify.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.search.IndexSearcher;

/**
 * A document analysed once, as Lucene would index it ({@link QueryCompiler#ANALYZER}, positions from 0): for each
 * word its sorted positions, for each position its character offsets, and the words that each stored wildcard
 * pattern matches. Only words and patterns that some stored query uses are kept by id.
 */
final class DocumentTerms {

    /** Thrown where Lucene gives up on a wildcard inside a phrase that expands to too many words. */
    static final class TooManyTerms extends RuntimeException {
        TooManyTerms(String pattern) {
            super("the wildcard " + pattern + " inside a phrase matches more than "
                    + IndexSearcher.getMaxClauseCount() + " words of the document");
        }
    }

    private final int[] startOffsets;
    private final int[] endOffsets;
    /** Vocabulary term id → positions, for the words of the document that stored queries use. */
    private final int[][] termPositions;
    /** Position → vocabulary term id of the word there, or -1: a phrase checks its other words in one read. */
    private final int[] termAt;
    private final IntList termIds = new IntList();
    /** Pattern id → the positions of every word it matches (filled as patterns are first asked for). */
    private final int[][] patternPositions;
    /** Pattern id → positions of each word it matches, one array per word. */
    private final List<List<int[]>> patternWords;
    private final IntList patternIds = new IntList();
    private final Vocabulary vocabulary;

    DocumentTerms(String text, Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.termPositions = new int[vocabulary.termCount()][];
        this.patternPositions = new int[vocabulary.patternCount()][];
        this.patternWords = new ArrayList<>(Collections.nCopies(vocabulary.patternCount(), null));
        Map<String, IntList> positionsByWord = new HashMap<>();
        IntList starts = new IntList(text.length() / 5 + 1);
        IntList ends = new IntList(text.length() / 5 + 1);
        try (TokenStream tokens = QueryCompiler.ANALYZER.tokenStream(QueryCompiler.TEXT_FIELD, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                position += increment.getPositionIncrement();
                while (starts.size() <= position) {
                    // Positions a token skipped have no offsets; no query hit can start or end there.
                    starts.add(-1);
                    ends.add(-1);
                }
                starts.set(position, offset.startOffset());
                ends.set(position, offset.endOffset());
                positionsByWord.computeIfAbsent(term.toString(), word -> new IntList()).add(position);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string does not do I/O", e);
        }
        this.startOffsets = starts.toArray();
        this.endOffsets = ends.toArray();
        this.termAt = new int[startOffsets.length];
        Arrays.fill(termAt, -1);
        positionsByWord.forEach((word, positions) -> {
            int[] sorted = positions.toArray();
            int id = vocabulary.existingTermId(word);
            if (id >= 0) {
                termPositions[id] = sorted;
                termIds.add(id);
                for (int position : sorted) {
                    termAt[position] = id;
                }
            }
            vocabulary.forEachMatchingPattern(word, pattern -> {
                if (patternWords.get(pattern) == null) {
                    patternWords.set(pattern, new ArrayList<>(2));
                    patternIds.add(pattern);
                }
                patternWords.get(pattern).add(sorted);
            });
        });
    }

    /** The stored-query words the document holds, by vocabulary id. */
    IntList termIds() {
        return termIds;
    }

    /** The stored patterns that match at least one word of the document, by vocabulary id. */
    IntList patternIds() {
        return patternIds;
    }

    /** Null when the document does not hold the word. */
    int[] termPositions(int termId) {
        return termPositions[termId];
    }

    /** The vocabulary id of the word at the position, or -1 (no stored query uses it, or past the end). */
    int termAt(int position) {
        return position < termAt.length ? termAt[position] : -1;
    }

    boolean holdsPattern(int patternId) {
        return patternWords.get(patternId) != null;
    }

    /** Null when no word of the document matches the pattern. */
    int[] patternPositions(int patternId) {
        if (patternPositions[patternId] == null) {
            List<int[]> words = patternWords.get(patternId);
            patternPositions[patternId] = words == null ? null : union(words);
        }
        return patternPositions[patternId];
    }

    /** As {@link #patternPositions(int)}, for a pattern inside a phrase: Lucene expands those word by word. */
    int[] phrasePatternPositions(int patternId) {
        List<int[]> words = patternWords.get(patternId);
        if (words != null && words.size() > IndexSearcher.getMaxClauseCount()) {
            throw new TooManyTerms(vocabulary.pattern(patternId).text());
        }
        return patternPositions(patternId);
    }

    int startOffset(int position) {
        return startOffsets[position];
    }

    int endOffset(int position) {
        return endOffsets[position];
    }

    /** The sorted, distinct positions of all the arrays. */
    static int[] union(List<int[]> arrays) {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        int total = 0;
        for (int[] array : arrays) {
            total += array.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] array : arrays) {
            System.arraycopy(array, 0, all, at, array.length);
            at += array.length;
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return distinct == all.length ? all : Arrays.copyOf(all, distinct);
    }
}
