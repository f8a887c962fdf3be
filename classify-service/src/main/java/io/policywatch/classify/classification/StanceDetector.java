package io.policywatch.classify.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.policywatch.classify.taxonomy.Taxonomy;
import io.policywatch.classify.text.Token;
import io.policywatch.events.Stance;

/**
 * Reads the author's position in a sentence from the stance lexicon.
 * <p>
 * Every cue found is a signal, adjusted by its context:
 * <ul>
 * <li>a negation up to three words before it in the same clause, or right after it ("should not"), turns a
 * support cue into oppose ("has never supported", "cannot accept") and an oppose cue into neutral: "does not
 * object to" acquiesces without advocating;</li>
 * <li>a passive ("is supported by", "was welcomed") reports someone else's position: neutral;</li>
 * <li>a weak support or oppose cue in the past tense ("promoted", "strengthened") reports what was done:
 * neutral;</li>
 * <li>an opening date ("In March 2017, ...") marks narration: a strong neutral signal.</li>
 * </ul>
 * The stance is that of the first strong signal (weight 1 or more: an explicit verb of position, the nearest thing
 * to the main verb a lexicon can find); without one, that of the heaviest polarity; without any, neutral.
 */
final class StanceDetector {

    /** The stance of a sentence and how sure the reader is of it, in [0, 1]. */
    record Reading(Stance stance, double confidence) {
    }

    private record Signal(Stance stance, double weight, int position) {
    }

    private static final double STRONG = 1.0;
    private static final int NEGATION_REACH = 3;
    private static final Set<String> BE_FORMS = Set.of("is", "are", "was", "were", "been", "being");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;:()—–]");
    private static final Pattern YEAR = Pattern.compile("(1[89]|20)\\d\\d");
    private static final Set<String> DATE_OPENERS = Set.of("in", "on", "since", "by", "from");
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final double NO_SIGNAL_CONFIDENCE = 0.6;
    private static final double HEDGE_PENALTY = 0.15;

    private static final String HEDGE = "hedge";

    private final CueSet cues;
    private final Set<String> negations;
    private final CueSet hedges;

    StanceDetector(Taxonomy.StanceLexicon lexicon) {
        cues = new CueSet(Map.of(Stance.SUPPORT.id(), lexicon.support(), Stance.OPPOSE.id(), lexicon.oppose(),
                Stance.NEUTRAL.id(), lexicon.neutral()));
        negations = lexicon.negations().stream().map(word -> word.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        hedges = new CueSet(Map.of(HEDGE,
                lexicon.hedges().stream().collect(Collectors.toMap(Function.identity(), hedge -> 1.0))));
    }

    Reading read(String text, List<Token> tokens) {
        List<Signal> signals = signals(text, tokens);
        if (signals.isEmpty()) {
            return new Reading(Stance.NEUTRAL, NO_SIGNAL_CONFIDENCE);
        }
        Signal firstStrong = signals.stream().filter(signal -> signal.weight() >= STRONG).findFirst().orElse(null);
        Map<Stance, Double> totals = new EnumMap<>(Stance.class);
        signals.forEach(signal -> totals.merge(signal.stance(), signal.weight(), Double::sum));
        Stance stance;
        if (firstStrong != null) {
            stance = firstStrong.stance();
        } else {
            double heaviest = totals.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            stance = signals.stream().filter(signal -> totals.get(signal.stance()) == heaviest).findFirst()
                    .orElseThrow().stance();
        }
        double all = totals.values().stream().mapToDouble(Double::doubleValue).sum();
        double confidence = 0.45 + 0.45 * totals.get(stance) / all + (firstStrong != null ? 0.05 : 0);
        if (!hedges.find(tokens).isEmpty()) {
            confidence -= HEDGE_PENALTY;
        }
        return new Reading(stance, Math.round(Math.max(0.05, Math.min(0.95, confidence)) * 100) / 100.0);
    }

    private List<Signal> signals(String text, List<Token> tokens) {
        List<Signal> signals = new ArrayList<>();
        if (opensWithDate(tokens)) {
            signals.add(new Signal(Stance.NEUTRAL, STRONG, -1));
        }
        for (CueSet.Hit hit : Hits.longestOnly(cues.find(tokens), tokens.size())) {
            signals.add(inContext(Stance.fromId(hit.cue().label()), hit, text, tokens));
        }
        signals.sort(Comparator.comparingInt(Signal::position));
        return signals;
    }

    private Signal inContext(Stance stance, CueSet.Hit hit, String text, List<Token> tokens) {
        double weight = hit.cue().weight();
        if (stance == Stance.NEUTRAL) {
            return new Signal(stance, weight, hit.start());
        }
        if (negated(hit, text, tokens)) {
            // Denying a position ("should not", "No nation shall", "does not object") is as explicit as taking one.
            return new Signal(stance == Stance.SUPPORT ? Stance.OPPOSE : Stance.NEUTRAL, Math.max(weight, STRONG),
                    hit.start());
        }
        String lastWord = tokens.get(hit.end() - 1).lower();
        boolean pastForm = lastWord.endsWith("ed");
        if (pastForm && (passive(hit, tokens) || weight < STRONG)) {
            return new Signal(Stance.NEUTRAL, weight / 2, hit.start());
        }
        return new Signal(stance, weight, hit.start());
    }

    private boolean negated(CueSet.Hit hit, String text, List<Token> tokens) {
        for (int i = hit.start() - 1; i >= 0 && i >= hit.start() - NEGATION_REACH; i--) {
            if (CLAUSE_BREAK.matcher(text.substring(tokens.get(i).end(), tokens.get(i + 1).start())).find()) {
                return false;
            }
            if (isNegation(tokens.get(i))) {
                return true;
            }
        }
        return hit.end() < tokens.size() && isNegation(tokens.get(hit.end()));
    }

    private boolean isNegation(Token token) {
        return negations.contains(token.lower()) || token.lower().endsWith("n't") || token.lower().endsWith("n’t");
    }

    private static boolean passive(CueSet.Hit hit, List<Token> tokens) {
        boolean beBefore = (hit.start() >= 1 && BE_FORMS.contains(tokens.get(hit.start() - 1).lower()))
                || (hit.start() >= 2 && BE_FORMS.contains(tokens.get(hit.start() - 2).lower()));
        boolean byAfter = hit.end() < tokens.size() && tokens.get(hit.end()).lower().equals("by");
        return beBefore || byAfter;
    }

    /** "In 2014, ...", "On 16 June 2009 ...", "In December 2015, ...": the sentence narrates. */
    private static boolean opensWithDate(List<Token> tokens) {
        if (tokens.size() < 2 || !DATE_OPENERS.contains(tokens.get(0).lower())) {
            return false;
        }
        for (int i = 1; i < Math.min(tokens.size(), 5); i++) {
            String word = tokens.get(i).lower();
            if (YEAR.matcher(word).matches()) {
                return true;
            }
            if (!MONTHS.contains(word) && !word.chars().allMatch(Character::isDigit) && !word.equals("the")
                    && !word.equals("early") && !word.equals("late")) {
                return false;
            }
        }
        return false;
    }
}
