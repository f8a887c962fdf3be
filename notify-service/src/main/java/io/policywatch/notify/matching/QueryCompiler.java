package io.policywatch.notify.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.complexPhrase.ComplexPhraseQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a subscription's query (Lucene classic syntax) into a Lucene {@link Query} over a document's text.
 * <p>
 * The complex-phrase parser is the classic parser plus wildcards inside phrases ({@code "chemical weapon*"}).
 * The analyzer lower-cases and keeps stop words: matching is case-insensitive and phrases such as
 * {@code "weaponization of outer space"} keep their every word.
 */
public final class QueryCompiler {

    /** The one field documents are indexed under. */
    static final String TEXT_FIELD = "text";

    /** Thread-safe: analyzers hand each thread its own token streams. */
    static final Analyzer ANALYZER = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    /**
     * @throws InvalidQueryException with the parser's explanation of where the query goes wrong
     */
    public static Query compile(String query) throws InvalidQueryException {
        requireText(query);
        // The parser keeps state while parsing: one per call.
        ComplexPhraseQueryParser parser = new ComplexPhraseQueryParser(TEXT_FIELD, ANALYZER);
        try {
            return parser.parse(query);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidQueryException(explain(e));
        }
    }

    /**
     * A query that matches at least every document {@link #compile(String) the compiled query} matches, written so
     * that Lucene Monitor's presearcher can see its terms. The complex-phrase parser's phrases are opaque to the
     * presearcher (each would make its subscription a candidate for every document); here a phrase becomes the
     * conjunction of its positions, as in {@code "chemical weapon*"} → {@code +chemical +weapon*}.
     */
    static Query candidateQuery(String query) throws InvalidQueryException {
        requireText(query);
        try {
            return new CandidateQueryParser().parse(query);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidQueryException(explain(e));
        }
    }

    private static void requireText(String query) throws InvalidQueryException {
        if (query == null || query.isBlank()) {
            throw new InvalidQueryException("the query is empty");
        }
    }

    /** The classic parser, as the complex-phrase parser's first pass, with phrases made transparent. */
    private static final class CandidateQueryParser extends QueryParser {

        CandidateQueryParser() {
            super(TEXT_FIELD, ANALYZER);
        }

        /** The complex-phrase parser routes every quoted phrase through this method too. */
        @Override
        protected Query getFieldQuery(String field, String phrase, int slop) throws ParseException {
            // Parsed as ComplexPhraseQuery parses the inside of a phrase: each top-level clause is a position.
            CandidateQueryParser inside = new CandidateQueryParser();
            inside.field = field;
            Query positions = inside.parse(phrase);
            if (!(positions instanceof BooleanQuery clauses)) {
                return positions;
            }
            BooleanQuery.Builder everyPosition = new BooleanQuery.Builder();
            for (BooleanClause clause : clauses) {
                // A phrase needs each positive position; an excluded one only narrows it further.
                if (clause.getOccur() != Occur.MUST_NOT) {
                    everyPosition.add(anyOf(clause.getQuery()), Occur.MUST);
                }
            }
            BooleanQuery built = everyPosition.build();
            return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
        }

        /** Only the presearcher reads these: a marked-prefix term is all it needs, an automaton would be waste. */
        @Override
        protected Query newPrefixQuery(Term prefix) {
            return WildcardPrefixHandler.candidateQuery(prefix.field(), prefix.text());
        }

        @Override
        protected Query newWildcardQuery(Term pattern) {
            return WildcardPrefixHandler.candidateQuery(pattern.field(),
                    WildcardPrefixHandler.literalPrefix(pattern.text()));
        }

        /** ComplexPhraseQuery reads a group at one position as alternatives, whatever its operators say. */
        private static Query anyOf(Query position) {
            if (position instanceof BoostQuery boost) {
                return anyOf(boost.getQuery());
            }
            if (!(position instanceof BooleanQuery group)) {
                return position;
            }
            BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
            for (BooleanClause clause : group) {
                if (clause.getOccur() != Occur.MUST_NOT) {
                    alternatives.add(anyOf(clause.getQuery()), Occur.SHOULD);
                }
            }
            BooleanQuery built = alternatives.build();
            return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
        }
    }

    /** The parser's message on one line, without the long list of tokens it would have expected instead. */
    private static String explain(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int expecting = message.indexOf("Was expecting");
        String essential = expecting > 0 ? message.substring(0, expecting) : message;
        return essential.replaceAll("\\s+", " ").trim();
    }

    private QueryCompiler() {
    }
}
