package io.policywatch.classify.classification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.policywatch.classify.text.Token;
import io.policywatch.classify.text.Tokenizer;

/**
 * Weighted cue words and phrases, each with the label it signals (a domain, a stance), compiled for matching
 * against a sentence's tokens (syntax: {@code cueSyntax} in the taxonomy file). Cues are indexed by their first
 * word, so a token costs three map lookups however many cues there are.
 */
final class CueSet {

    /** A cue found in a sentence: it covers tokens [start, end). */
    record Hit(Cue cue, int start, int end) {
    }

    record Cue(String label, String text, double weight, List<Part> parts) {
    }

    private enum Kind {
        PREFIX,
        CAPITALS,
        WORD
    }

    private record Part(Kind kind, String value) {
        boolean matches(Token token) {
            return switch (kind) {
                case PREFIX -> token.lower().startsWith(value);
                case CAPITALS -> token.surface().equals(value) || token.surface().equals(value + "s");
                case WORD -> token.stem().equals(value);
            };
        }
    }

    private static final int MIN_PREFIX = 3;

    private final Map<String, List<Cue>> byStem = new HashMap<>();
    private final Map<String, List<Cue>> byCapitals = new HashMap<>();
    private final Map<String, List<Cue>> byPrefixStart = new HashMap<>();

    /** @param cuesByLabel for each label, its cues and their weights */
    CueSet(Map<String, Map<String, Double>> cuesByLabel) {
        cuesByLabel.forEach((label, cues) -> cues.forEach((text, weight) -> index(new Cue(label, text, weight,
                compile(text)))));
    }

    private void index(Cue cue) {
        Part first = cue.parts().get(0);
        Map<String, List<Cue>> index = switch (first.kind()) {
            case WORD -> byStem;
            case CAPITALS -> byCapitals;
            case PREFIX -> byPrefixStart;
        };
        String key = first.kind() == Kind.PREFIX ? first.value().substring(0, MIN_PREFIX) : first.value();
        index.computeIfAbsent(key, k -> new ArrayList<>()).add(cue);
    }

    private static List<Part> compile(String cue) {
        List<Part> parts = new ArrayList<>();
        for (String word : cue.trim().split("[\\s\\-/]+")) {
            if (word.endsWith("*")) {
                String prefix = word.substring(0, word.length() - 1).toLowerCase(Locale.ROOT);
                if (prefix.length() < MIN_PREFIX) {
                    throw new IllegalArgumentException("cue '" + cue + "': a prefix needs at least " + MIN_PREFIX
                            + " letters before the '*'");
                }
                parts.add(new Part(Kind.PREFIX, prefix));
            } else if (!word.equals(word.toLowerCase(Locale.ROOT))) {
                parts.add(new Part(Kind.CAPITALS, word));
            } else {
                parts.add(new Part(Kind.WORD, Tokenizer.stem(word)));
            }
        }
        if (parts.isEmpty() || parts.stream().anyMatch(part -> part.value().isEmpty())) {
            throw new IllegalArgumentException("cue '" + cue + "' has no words");
        }
        return parts;
    }

    /** Every occurrence of every cue, in order of position. */
    List<Hit> find(List<Token> tokens) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            collect(byStem.get(token.stem()), tokens, i, hits);
            collect(byCapitals.get(token.surface()), tokens, i, hits);
            if (token.surface().length() > 1 && token.surface().endsWith("s")) {
                collect(byCapitals.get(token.surface().substring(0, token.surface().length() - 1)), tokens, i,
                        hits);
            }
            if (token.lower().length() >= MIN_PREFIX) {
                collect(byPrefixStart.get(token.lower().substring(0, MIN_PREFIX)), tokens, i, hits);
            }
        }
        return hits;
    }

    private static void collect(List<Cue> candidates, List<Token> tokens, int start, List<Hit> hits) {
        if (candidates == null) {
            return;
        }
        for (Cue cue : candidates) {
            if (matchesAt(cue, tokens, start)) {
                hits.add(new Hit(cue, start, start + cue.parts().size()));
            }
        }
    }

    private static boolean matchesAt(Cue cue, List<Token> tokens, int start) {
        if (start + cue.parts().size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < cue.parts().size(); k++) {
            if (!cue.parts().get(k).matches(tokens.get(start + k))) {
                return false;
            }
        }
        return true;
    }
}
