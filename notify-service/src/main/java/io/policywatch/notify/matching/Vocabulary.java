package io.policywatch.notify.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.apache.lucene.search.WildcardQuery;

/**
 * The terms and wildcard patterns of all stored queries, each under a small int id, so that a compiled query is a
 * few ints and a document is looked up once per distinct word. Ids are never reused: a term that no query uses
 * any more costs its map entry only. Not thread-safe: {@link StoredQueryIndex} guards it.
 */
final class Vocabulary {

    /**
     * Patterns are grouped by their literal prefix cut to this many chars: a document word then looks up at most
     * this many groups, and each group is small.
     */
    private static final int GROUP_PREFIX = 4;

    /**
     * A wildcard term as Lucene reads it: {@code *} any run of characters, {@code ?} one code point, {@code \}
     * escapes the next; a prefix query's text is literal.
     *
     * @param literal the text before the first wildcard, escapes resolved: what a matching word starts with
     */
    record Pattern(String text, boolean prefixOnly, String literal) {

        static Pattern prefix(String prefix) {
            return new Pattern(prefix, true, prefix);
        }

        static Pattern wildcard(String pattern) {
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR) {
                    break;
                }
                if (c == WildcardQuery.WILDCARD_ESCAPE && i + 1 < pattern.length()) {
                    c = pattern.charAt(++i);
                }
                literal.append(c);
            }
            return new Pattern(pattern, false, literal.toString());
        }

        boolean matches(String word) {
            return prefixOnly ? word.startsWith(literal) : globMatches(text, 0, word, 0);
        }

        /** Backtracking only at {@code *}, as few patterns hold more than one. */
        private static boolean globMatches(String pattern, int p, String word, int w) {
            while (p < pattern.length()) {
                int c = pattern.codePointAt(p);
                if (c == WildcardQuery.WILDCARD_STRING) {
                    for (int rest = w; rest <= word.length(); rest = rest < word.length()
                            ? word.offsetByCodePoints(rest, 1)
                            : rest + 1) {
                        if (globMatches(pattern, p + 1, word, rest)) {
                            return true;
                        }
                    }
                    return false;
                }
                if (w >= word.length()) {
                    return false;
                }
                int actual = word.codePointAt(w);
                if (c == WildcardQuery.WILDCARD_CHAR) {
                    w += Character.charCount(actual);
                    p++;
                    continue;
                }
                if (c == WildcardQuery.WILDCARD_ESCAPE && p + 1 < pattern.length()) {
                    p++;
                    c = pattern.codePointAt(p);
                }
                if (c != actual) {
                    return false;
                }
                p += Character.charCount(c);
                w += Character.charCount(actual);
            }
            return w == word.length();
        }
    }

    private final Map<String, Integer> termIds = new HashMap<>();
    private final List<String> terms = new ArrayList<>();
    private final Map<Pattern, Integer> patternIds = new HashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    /** Literal prefix cut to {@link #GROUP_PREFIX} chars → ids of the patterns with that literal prefix. */
    private final Map<String, IntList> patternGroups = new HashMap<>();

    int termId(String term) {
        Integer id = termIds.get(term);
        if (id != null) {
            return id;
        }
        terms.add(term);
        termIds.put(term, terms.size() - 1);
        return terms.size() - 1;
    }

    String term(int id) {
        return terms.get(id);
    }

    /** -1 when no query uses the word. */
    int existingTermId(String term) {
        Integer id = termIds.get(term);
        return id == null ? -1 : id;
    }

    int termCount() {
        return termIds.size();
    }

    int patternId(Pattern pattern) {
        Integer id = patternIds.get(pattern);
        if (id != null) {
            return id;
        }
        int added = patterns.size();
        patterns.add(pattern);
        patternIds.put(pattern, added);
        patternGroups.computeIfAbsent(group(pattern.literal()), key -> new IntList()).add(added);
        return added;
    }

    int patternCount() {
        return patterns.size();
    }

    Pattern pattern(int id) {
        return patterns.get(id);
    }

    /** Calls back with the id of every pattern that matches the word. */
    void forEachMatchingPattern(String word, IntConsumer matching) {
        int longest = Math.min(GROUP_PREFIX, word.length());
        for (int length = 0; length <= longest; length++) {
            IntList group = patternGroups.get(word.substring(0, length));
            if (group == null) {
                continue;
            }
            for (int i = 0; i < group.size(); i++) {
                int id = group.get(i);
                if (patterns.get(id).matches(word)) {
                    matching.accept(id);
                }
            }
        }
    }

    private static String group(String literal) {
        return literal.length() <= GROUP_PREFIX ? literal : literal.substring(0, GROUP_PREFIX);
    }
}
