package io.policywatch.classify.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words. Hyphens and slashes separate words ("counter-terrorism" is two), so cues need not list
 * every spelling; an apostrophe stays inside a word ("don't", "China's").
 */
public final class Tokenizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            String surface = matcher.group();
            String lower = withoutPossessive(surface.toLowerCase(Locale.ROOT));
            tokens.add(new Token(surface, lower, stem(lower), matcher.start(), matcher.end()));
        }
        return tokens;
    }

    /**
     * A light English stemmer that only folds plurals onto singulars. Verb forms are left alone on purpose: cues
     * that want them say so with a '*' prefix, which keeps "policy" and "police" apart.
     */
    public static String stem(String lower) {
        int length = lower.length();
        if (length > 4 && lower.endsWith("ies")) {
            return lower.substring(0, length - 3) + "y";
        }
        if (lower.endsWith("sses")) {
            return lower.substring(0, length - 2);
        }
        if (length > 4 && lower.endsWith("es") && endsWithSibilant(lower.substring(0, length - 2))) {
            return lower.substring(0, length - 2);
        }
        if (length > 3 && lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")
                && !lower.endsWith("is")) {
            return lower.substring(0, length - 1);
        }
        return lower;
    }

    private static boolean endsWithSibilant(String base) {
        // "purposes" only loses its "s": a base ending in a single "s" took the "e" from the singular.
        return base.endsWith("x") || base.endsWith("z") || base.endsWith("ch") || base.endsWith("sh");
    }

    private static String withoutPossessive(String lower) {
        if (lower.endsWith("'s") || lower.endsWith("’s")) {
            return lower.substring(0, lower.length() - 2);
        }
        return lower;
    }

    private Tokenizer() {
    }
}
