package io.policywatch.notify.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.complexPhrase.ComplexPhraseQueryParser;
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

    static void requireText(String query) throws InvalidQueryException {
        if (query == null || query.isBlank()) {
            throw new InvalidQueryException("the query is empty");
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
