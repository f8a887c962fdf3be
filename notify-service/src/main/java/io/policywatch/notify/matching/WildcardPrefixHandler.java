package io.policywatch.notify.matching;

import java.io.IOException;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Lets the presearcher select wildcard queries by their literal prefix. Left alone, Lucene Monitor makes a
 * subscription such as {@code weapon*} a candidate for every document. Here the candidate query
 * ({@link QueryCompiler#candidateQuery(String)}) holds the marked prefix term {@code weapon*} instead, and each
 * document term also offers its marked prefixes ({@code weapons} gives {@code wea*}, {@code weap*}, ...
 * {@code weapons*}), so the query is a candidate exactly when some term of the document starts with its prefix.
 */
final class WildcardPrefixHandler implements CustomQueryHandler {

    /** Shorter prefixes select too little to be worth their index terms; such queries stay always-candidates. */
    static final int MIN_PREFIX = 3;
    /** Longer prefixes are cut: still a correct pre-selection, and documents offer fewer prefix terms. */
    static final int MAX_PREFIX = 12;
    /** StandardTokenizer never leaves a '*' in a term, so marked prefixes cannot collide with words. */
    private static final String MARK = "*";

    /** What a wildcard pattern with this literal prefix is presearched as. */
    static Query candidateQuery(String field, String prefix) {
        if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX) {
            return new MatchAllDocsQuery();
        }
        return new TermQuery(new Term(field, marked(prefix)));
    }

    /** The text before the first wildcard or escape character. */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR
                    || c == WildcardQuery.WILDCARD_ESCAPE) {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }

    /** Candidate queries hold no wildcard queries: nothing to handle. */
    @Override
    public QueryTree handleQuery(Query query, TermWeightor weightor) {
        return null;
    }

    @Override
    public TokenStream wrapTermStream(String field, TokenStream terms) {
        return new MarkedPrefixFilter(terms);
    }

    private static String marked(String prefix) {
        int codePoints = prefix.codePointCount(0, prefix.length());
        String cut = codePoints <= MAX_PREFIX ? prefix : prefix.substring(0, prefix.offsetByCodePoints(0, MAX_PREFIX));
        return cut + MARK;
    }

    /** Passes every term on, followed by those of its marked prefixes not offered before. */
    private static final class MarkedPrefixFilter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final CharArraySet offered = new CharArraySet(1024, false);
        private String current;
        private int currentCodePoints;
        private int nextLength;

        MarkedPrefixFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (true) {
                if (current != null && nextLength <= Math.min(MAX_PREFIX, currentCodePoints)) {
                    String prefix = marked(current.substring(0, current.offsetByCodePoints(0, nextLength++)));
                    if (offered.add(prefix)) {
                        clearAttributes();
                        term.append(prefix);
                        return true;
                    }
                    continue;
                }
                if (!input.incrementToken()) {
                    return false;
                }
                current = term.toString();
                currentCodePoints = current.codePointCount(0, current.length());
                nextLength = MIN_PREFIX;
                return true;
            }
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            offered.clear();
            current = null;
        }
    }
}
