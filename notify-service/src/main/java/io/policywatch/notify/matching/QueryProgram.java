package io.policywatch.notify.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * A subscription query compiled into a few ints over {@link Vocabulary} ids, evaluated on a document's position
 * lists ({@link DocumentTerms}) with exactly the matches and hits that Lucene gives for the query
 * {@link QueryCompiler#compile(String)} parses:
 * <ul>
 * <li>a word: every occurrence; a prefix or wildcard term: every occurrence of every word it matches;</li>
 * <li>a boolean query, as Lucene's BooleanWeight: every required clause, no prohibited one, at least the minimum
 * of optional ones, and something positive; its hits are those of the required and matching optional
 * clauses;</li>
 * <li>a quoted phrase, as the complex-phrase parser rewrites it: each top-level clause of its text is one
 * position, a group at a position means any of its words (wildcards expanded on the document), and the positions
 * are matched as Lucene's ordered SpanNearQuery with the phrase's slop (NearSpansOrdered), each span one hit.</li>
 * </ul>
 * Anything else (fuzzy, range and regexp terms, other fields, exclusions inside a phrase, ...) is not compiled:
 * {@link #parse(String)} answers null and the caller runs the Lucene query instead.
 * <p>
 * Layout: {@code TERM id}, {@code PATTERN id}, {@code NONE}, {@code PHRASE slop n (k atom...)...},
 * {@code BOOL minShould n (occur length node)...}; an atom is a term id, or {@code -1 - pattern id}.
 */
final class QueryProgram {

    private static final int TERM = 0;
    private static final int PATTERN = 1;
    private static final int PHRASE = 2;
    private static final int BOOL = 3;
    private static final int NONE = 4;

    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int PROHIBITED = 2;

    /** A parsed query in the shapes programs cover, before its words get vocabulary ids. */
    sealed interface Node {
    }

    record Word(String text) implements Node {
    }

    record Wildcard(Vocabulary.Pattern pattern) implements Node {
    }

    record Phrase(int slop, List<List<Node>> positions) implements Node {
    }

    record Bool(int minShould, List<Clause> clauses) implements Node {
    }

    record Clause(int occur, Node node) {
    }

    record Nothing() implements Node {
    }

    /**
     * The query in the shapes programs cover, or null when it uses another one.
     *
     * @throws ParseException when the classic parser rejects it (the complex-phrase parser says how)
     */
    static Node parse(String query) throws ParseException {
        return node(new PhraseMarkingParser(QueryCompiler.TEXT_FIELD).parse(query));
    }

    private static Node node(Query query) {
        Query unboosted = unboost(query);
        if (unboosted instanceof TermQuery || unboosted instanceof PrefixQuery || unboosted instanceof WildcardQuery) {
            return atom(unboosted);
        }
        if (unboosted instanceof MatchNoDocsQuery) {
            return new Nothing();
        }
        if (unboosted instanceof BooleanQuery bool) {
            List<Clause> clauses = new ArrayList<>();
            for (BooleanClause clause : bool) {
                Node child = node(clause.getQuery());
                if (child == null) {
                    return null;
                }
                int occur = switch (clause.getOccur()) {
                    case MUST, FILTER -> REQUIRED;
                    case SHOULD -> OPTIONAL;
                    case MUST_NOT -> PROHIBITED;
                };
                clauses.add(new Clause(occur, child));
            }
            // Cheap clauses first: a conjunction is then mostly decided before any phrase is looked at.
            clauses.sort(Comparator.comparingInt(clause -> clause.node() instanceof Phrase ? 2
                    : clause.node() instanceof Bool ? 1 : 0));
            return new Bool(bool.getMinimumNumberShouldMatch(), List.copyOf(clauses));
        }
        if (unboosted instanceof PhraseMarker phrase) {
            return phrase(phrase);
        }
        return null;
    }

    /** As ComplexPhraseQuery.rewrite reads the phrase's text, parsed as a query of its own. */
    private static Node phrase(PhraseMarker phrase) {
        Query contents = phrase.contents();
        if (!phrase.field().equals(QueryCompiler.TEXT_FIELD)) {
            return null;
        }
        if (contents instanceof TermQuery || contents instanceof PrefixQuery || contents instanceof WildcardQuery) {
            return atom(contents); // a phrase of one word is that word, slop or not
        }
        // Fewer than two positions, exclusions and minimums take Lucene paths not mirrored here.
        if (!(contents instanceof BooleanQuery bool) || bool.clauses().size() < 2
                || bool.getMinimumNumberShouldMatch() != 0) {
            return null;
        }
        List<List<Node>> positions = new ArrayList<>();
        for (BooleanClause clause : bool) {
            List<Node> alternatives = new ArrayList<>();
            if (clause.getOccur() == Occur.MUST_NOT || !alternatives(clause.getQuery(), alternatives)) {
                return null;
            }
            positions.add(List.copyOf(alternatives));
        }
        return new Phrase(phrase.slop(), List.copyOf(positions));
    }

    /** The words a phrase position accepts: a group of words (nested or not) is any of them. */
    private static boolean alternatives(Query query, List<Node> into) {
        Query unboosted = unboost(query);
        if (unboosted instanceof TermQuery || unboosted instanceof PrefixQuery || unboosted instanceof WildcardQuery) {
            Node atom = atom(unboosted);
            into.add(atom);
            return atom != null;
        }
        if (unboosted instanceof BooleanQuery group) {
            for (BooleanClause clause : group) {
                if (clause.getOccur() == Occur.MUST_NOT || !alternatives(clause.getQuery(), into)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static Node atom(Query query) {
        if (query instanceof TermQuery term) {
            return term.getTerm().field().equals(QueryCompiler.TEXT_FIELD) ? new Word(term.getTerm().text()) : null;
        }
        if (query instanceof PrefixQuery prefix) {
            return prefix.getField().equals(QueryCompiler.TEXT_FIELD)
                    ? new Wildcard(Vocabulary.Pattern.prefix(prefix.getPrefix().text()))
                    : null;
        }
        WildcardQuery wildcard = (WildcardQuery) query;
        return wildcard.getField().equals(QueryCompiler.TEXT_FIELD)
                ? new Wildcard(Vocabulary.Pattern.wildcard(wildcard.getTerm().text()))
                : null;
    }

    private static Query unboost(Query query) {
        Query inner = query;
        while (inner instanceof BoostQuery boost) {
            inner = boost.getQuery();
        }
        return inner;
    }

    /** The program of a parsed query; adds its words and patterns to the vocabulary. */
    static int[] encode(Node node, Vocabulary vocabulary) {
        IntList out = new IntList(16);
        write(node, out, vocabulary);
        return out.toArray();
    }

    private static void write(Node node, IntList out, Vocabulary vocabulary) {
        if (node instanceof Word word) {
            out.add(TERM);
            out.add(vocabulary.termId(word.text()));
        } else if (node instanceof Wildcard wildcard) {
            out.add(PATTERN);
            out.add(vocabulary.patternId(wildcard.pattern()));
        } else if (node instanceof Phrase phrase) {
            out.add(PHRASE);
            out.add(phrase.slop());
            out.add(phrase.positions().size());
            for (List<Node> alternatives : phrase.positions()) {
                out.add(alternatives.size());
                for (Node alternative : alternatives) {
                    out.add(alternative instanceof Word word ? vocabulary.termId(word.text())
                            : -1 - vocabulary.patternId(((Wildcard) alternative).pattern()));
                }
            }
        } else if (node instanceof Bool bool) {
            out.add(BOOL);
            out.add(bool.minShould());
            out.add(bool.clauses().size());
            for (Clause clause : bool.clauses()) {
                out.add(clause.occur());
                int lengthAt = out.size();
                out.add(0);
                write(clause.node(), out, vocabulary);
                out.set(lengthAt, out.size() - lengthAt - 1);
            }
        } else {
            out.add(NONE);
        }
    }

    /** Every atom the program names, with repeats. */
    static IntList atoms(int[] program) {
        return atoms(program, 0);
    }

    /** Every atom the program starting at {@code at} names, with repeats. */
    static IntList atoms(int[] programs, int at) {
        IntList atoms = new IntList();
        atoms(programs, at, atoms);
        return atoms;
    }

    private static void atoms(int[] program, int at, IntList atoms) {
        switch (program[at]) {
            case TERM -> atoms.add(program[at + 1]);
            case PATTERN -> atoms.add(-1 - program[at + 1]);
            case PHRASE -> {
                int position = at + 3;
                for (int i = 0; i < program[at + 2]; i++) {
                    for (int a = 1; a <= program[position]; a++) {
                        atoms.add(program[position + a]);
                    }
                    position += 1 + program[position];
                }
            }
            case BOOL -> {
                int clause = at + 3;
                for (int i = 0; i < program[at + 2]; i++) {
                    atoms(program, clause + 2, atoms);
                    clause += 2 + program[clause + 1];
                }
            }
            default -> {
                // NONE names nothing.
            }
        }
    }

    /**
     * Atoms of which every document the program matches holds at least one, chosen to be cheap: a conjunction is
     * indexed under its cheapest required clause, a disjunction under all its branches, a phrase under its
     * cheapest position; exclusions never count. Empty when the program matches nothing; null when no such atoms
     * exist (a disjunction with a branch that needs none), so the program must be tried on every document.
     *
     * @param cost an estimate of how often a document holds the atom
     */
    static IntList keys(int[] program, IntToDoubleFunction cost) {
        return keys(program, 0, cost);
    }

    private static IntList keys(int[] program, int at, IntToDoubleFunction cost) {
        switch (program[at]) {
            case TERM:
                return IntList.of(program[at + 1]);
            case PATTERN:
                return IntList.of(-1 - program[at + 1]);
            case NONE:
                return new IntList();
            case PHRASE: {
                IntList cheapest = null;
                int position = at + 3;
                for (int i = 0; i < program[at + 2]; i++) {
                    IntList alternatives = new IntList();
                    for (int a = 1; a <= program[position]; a++) {
                        alternatives.add(program[position + a]);
                    }
                    cheapest = cheaper(cheapest, alternatives, cost);
                    position += 1 + program[position];
                }
                return cheapest;
            }
            default: {
                IntList cheapestRequired = null;
                IntList anyOptional = new IntList();
                boolean optionalsIndexable = true;
                int clause = at + 3;
                for (int i = 0; i < program[at + 2]; i++) {
                    int occur = program[clause];
                    if (occur != PROHIBITED) {
                        IntList child = keys(program, clause + 2, cost);
                        if (occur == REQUIRED) {
                            cheapestRequired = child == null ? cheapestRequired
                                    : cheaper(cheapestRequired, child, cost);
                        } else if (child == null) {
                            optionalsIndexable = false;
                        } else {
                            anyOptional.addAll(child);
                        }
                    }
                    clause += 2 + program[clause + 1];
                }
                if (cheapestRequired != null) {
                    return cheapestRequired;
                }
                if (hasRequired(program, at)) {
                    return null;
                }
                return optionalsIndexable ? anyOptional : null;
            }
        }
    }

    private static boolean hasRequired(int[] program, int at) {
        int clause = at + 3;
        for (int i = 0; i < program[at + 2]; i++) {
            if (program[clause] == REQUIRED) {
                return true;
            }
            clause += 2 + program[clause + 1];
        }
        return false;
    }

    private static IntList cheaper(IntList current, IntList candidate, IntToDoubleFunction cost) {
        return current == null || total(candidate, cost) < total(current, cost) ? candidate : current;
    }

    private static double total(IntList atoms, IntToDoubleFunction cost) {
        double total = 0;
        for (int i = 0; i < atoms.size(); i++) {
            total += cost.applyAsDouble(atoms.get(i));
        }
        return total;
    }

    /**
     * The hits of the program starting at {@code at} of {@code programs}, as Lucene's Matches API gives them: by
     * start position, then by end position. Matching and collecting hits are one walk: most candidates that get
     * this far fire.
     *
     * @return start position << 32 | end position (inclusive), sorted; null when the program does not match
     */
    static long[] hits(int[] programs, int at, DocumentTerms document) {
        HitList hits = new HitList();
        if (!matches(programs, at, document, hits)) {
            return null;
        }
        long[] sorted = Arrays.copyOf(hits.values, hits.size);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Whether the node at {@code at} matches; if so, adds its hits (a word's every occurrence, a phrase's every
     * span, a boolean query's required and matching optional clauses' hits). A node that does not match leaves
     * {@code hits} as it was.
     *
     * @param hits null when only whether it matches counts (an exclusion)
     */
    private static boolean matches(int[] program, int at, DocumentTerms document, HitList hits) {
        switch (program[at]) {
            case TERM: {
                int[] positions = document.termPositions(program[at + 1]);
                if (positions != null && hits != null) {
                    hits.addWords(positions);
                }
                return positions != null;
            }
            case PATTERN: {
                boolean held = document.holdsPattern(program[at + 1]);
                if (held && hits != null) {
                    hits.addWords(document.patternPositions(program[at + 1]));
                }
                return held;
            }
            case PHRASE:
                return phrase(program, at, document, hits);
            case NONE:
                return false;
            default: {
                int hitsBefore = hits == null ? 0 : hits.size;
                int optional = 0;
                int positive = 0;
                boolean matched = true;
                int clause = at + 3;
                for (int i = 0; i < program[at + 2] && matched; i++) {
                    int occur = program[clause];
                    if (occur == PROHIBITED) {
                        matched = !matches(program, clause + 2, document, null);
                    } else if (matches(program, clause + 2, document, hits)) {
                        positive++;
                        optional += occur == OPTIONAL ? 1 : 0;
                    } else {
                        matched = occur == OPTIONAL;
                    }
                    clause += 2 + program[clause + 1];
                }
                if (matched && optional >= program[at + 1] && positive > 0) {
                    return true;
                }
                if (hits != null) {
                    hits.size = hitsBefore;
                }
                return false;
            }
        }
    }

    /**
     * Lucene's NearSpansOrdered over single-word positions: for each occurrence of the first position, every
     * later position moves (never back) to its first occurrence after the previous one; a span matches when the
     * gaps add up to at most the slop, and the search ends when a position runs out.
     *
     * @param hits where to add each span; null to stop at the first
     */
    private static boolean phrase(int[] program, int at, DocumentTerms document, HitList hits) {
        int slop = program[at + 1];
        int count = program[at + 2];
        int[][] positions = new int[count][];
        // Per position: the term id when it is a single word, else -1.
        int[] words = new int[count];
        boolean everyPosition = true;
        int position = at + 3;
        for (int i = 0; i < count; i++) {
            // Every position is expanded before matching, as Lucene rewrites the whole phrase first.
            positions[i] = alternativePositions(program, position, document);
            everyPosition &= positions[i] != null;
            words[i] = program[position] == 1 && program[position + 1] >= 0 ? program[position + 1] : -1;
            position += 1 + program[position];
        }
        if (!everyPosition) {
            return false;
        }
        if (slop == 0) {
            return exactPhrase(positions, words, document, hits);
        }
        int[] next = new int[count];
        boolean found = false;
        for (int first : positions[0]) {
            int previousEnd = first + 1;
            int gaps = 0;
            for (int i = 1; i < count; i++) {
                int[] occurrences = positions[i];
                int j = next[i];
                while (j < occurrences.length && occurrences[j] < previousEnd) {
                    j++;
                }
                next[i] = j;
                if (j == occurrences.length) {
                    return found;
                }
                gaps += occurrences[j] - previousEnd;
                previousEnd = occurrences[j] + 1;
            }
            if (gaps <= slop) {
                if (hits == null) {
                    return true;
                }
                hits.add(first, previousEnd - 1);
                found = true;
            }
        }
        return found;
    }

    /**
     * The same spans when no gap is allowed: exactly the runs of consecutive positions, found from the rarest
     * position's occurrences. A single word is checked at its place by the document's word at that position, any
     * other position by searching its positions.
     */
    private static boolean exactPhrase(int[][] positions, int[] words, DocumentTerms document, HitList hits) {
        int rarest = 0;
        for (int i = 1; i < positions.length; i++) {
            if (positions[i].length < positions[rarest].length) {
                rarest = i;
            }
        }
        boolean found = false;
        for (int occurrence : positions[rarest]) {
            int first = occurrence - rarest;
            boolean run = first >= 0;
            for (int i = 0; i < positions.length && run; i++) {
                run = i == rarest || (words[i] >= 0 ? document.termAt(first + i) == words[i]
                        : Arrays.binarySearch(positions[i], first + i) >= 0);
            }
            if (run) {
                if (hits == null) {
                    return true;
                }
                hits.add(first, first + positions.length - 1);
                found = true;
            }
        }
        return found;
    }

    /** The sorted positions of any of a phrase position's words; null when the document holds none. */
    private static int[] alternativePositions(int[] program, int at, DocumentTerms document) {
        int alternatives = program[at];
        if (alternatives == 1) {
            return atomPositions(program[at + 1], document);
        }
        List<int[]> found = new ArrayList<>(alternatives);
        for (int a = 1; a <= alternatives; a++) {
            int[] positions = atomPositions(program[at + a], document);
            if (positions != null) {
                found.add(positions);
            }
        }
        return found.isEmpty() ? null : DocumentTerms.union(found);
    }

    private static int[] atomPositions(int atom, DocumentTerms document) {
        return atom >= 0 ? document.termPositions(atom) : document.phrasePatternPositions(-1 - atom);
    }

    /** Hits as packed longs, unsorted. */
    private static final class HitList {
        long[] values = new long[16];
        int size;

        void add(int start, int end) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = (long) start << 32 | end;
        }

        void addWords(int[] positions) {
            for (int position : positions) {
                add(position, position);
            }
        }
    }

    /**
     * The classic parser with each quoted phrase kept as its text parsed on its own (as the complex-phrase parser
     * does in its second pass), so that the phrase's positions can be read.
     */
    private static final class PhraseMarkingParser extends QueryParser {

        PhraseMarkingParser(String field) {
            super(field, QueryCompiler.ANALYZER);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return new PhraseMarker(field, slop, new PhraseMarkingParser(field).parse(queryText));
        }
    }

    /** A quoted phrase as {@link PhraseMarkingParser} leaves it; never run. */
    private static final class PhraseMarker extends Query {

        private final String field;
        private final int slop;
        private final Query contents;

        PhraseMarker(String field, int slop, Query contents) {
            this.field = field;
            this.slop = slop;
            this.contents = contents;
        }

        String field() {
            return field;
        }

        int slop() {
            return slop;
        }

        Query contents() {
            return contents;
        }

        @Override
        public String toString(String defaultField) {
            return "\"" + contents.toString(defaultField) + "\"~" + slop;
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && field.equals(((PhraseMarker) other).field)
                    && slop == ((PhraseMarker) other).slop && contents.equals(((PhraseMarker) other).contents);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), field, slop, contents);
        }
    }

    private QueryProgram() {
    }
}
