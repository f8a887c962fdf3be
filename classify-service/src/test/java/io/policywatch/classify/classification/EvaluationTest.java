package io.policywatch.classify.classification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.policywatch.classify.Models;
import io.policywatch.classify.Seeds;
import io.policywatch.classify.taxonomy.Taxonomy;
import io.policywatch.events.Classification;
import io.policywatch.events.Stance;

/**
 * Held-out quality of the classifier: leave-one-document-out cross-validation over the four hand-labelled seed
 * documents (training/labelled-sentences.jsonl). For each fold the domain model learns from the labelled sentences
 * of the three other seed documents and of the corpus texts (training/corpus-sentences.jsonl, other issuers, never
 * held out), then the held-out document is scored twice: each labelled sentence classified
 * on its own, and the document classified whole as the service meets it (its own sentence splitting, section
 * headings, extraction errors such as "Al" for "AI"), each labelled sentence scored against the service's sentence
 * that holds at least 80% of its words. Prints per-domain precision/recall/F1, domain micro-F1 and stance macro-F1
 * per fold and over all folds, and fails when the figures over all folds fall below the floors.
 * <p>
 * The cues, the domain examples, the stance lexicon and the thresholds are hand-written and the same in every
 * fold; the README says which of them were written while looking at which data. Run alone with
 * {@code ./mvnw -pl classify-service test -Dtest=EvaluationTest}.
 */
class EvaluationTest {

    /** Just under what version 2.1 reaches over all folds, whole documents (domain micro-F1 0.819, stance 0.847). */
    private static final double DOMAIN_MICRO_F1_FLOOR = 0.81;
    private static final double STANCE_MACRO_F1_FLOOR = 0.84;
    /** Just under what version 2.1 reaches over all folds, each sentence on its own (0.822, 0.847). */
    private static final double SENTENCE_DOMAIN_MICRO_F1_FLOOR = 0.81;
    private static final double SENTENCE_STANCE_MACRO_F1_FLOOR = 0.84;

    /** True positives, false positives and false negatives of one label. */
    private static final class Counts {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        void add(Counts other) {
            truePositives += other.truePositives;
            falsePositives += other.falsePositives;
            falseNegatives += other.falseNegatives;
        }

        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** The confusion counts of one set of sentences, per domain and per gold/predicted stance. */
    private static final class Score {
        final Map<String, Counts> domains = new TreeMap<>();
        final Map<Stance, Counts> stances = new EnumMap<>(Stance.class);
        int sentences;

        void add(Set<String> goldDomains, Stance goldStance, Classifier.Labels predicted) {
            for (String domain : predicted.domainIds()) {
                Counts counts = domains.computeIfAbsent(domain, d -> new Counts());
                if (goldDomains.contains(domain)) {
                    counts.truePositives++;
                } else {
                    counts.falsePositives++;
                }
            }
            goldDomains.stream().filter(domain -> !predicted.domains().containsKey(domain))
                    .forEach(domain -> domains.computeIfAbsent(domain, d -> new Counts()).falseNegatives++);
            if (goldStance == predicted.stance()) {
                stances.computeIfAbsent(goldStance, s -> new Counts()).truePositives++;
            } else {
                stances.computeIfAbsent(goldStance, s -> new Counts()).falseNegatives++;
                stances.computeIfAbsent(predicted.stance(), s -> new Counts()).falsePositives++;
            }
            sentences++;
        }

        void add(Score other) {
            other.domains.forEach((domain, counts) -> domains.computeIfAbsent(domain, d -> new Counts()).add(counts));
            other.stances.forEach((stance, counts) -> stances.computeIfAbsent(stance, s -> new Counts()).add(counts));
            sentences += other.sentences;
        }

        Counts domainMicro() {
            Counts micro = new Counts();
            domains.values().forEach(micro::add);
            return micro;
        }

        /** Over the stances the sentences hold or were given: a document without oppose is not scored on it. */
        double stanceMacroF1() {
            return stances.values().stream().mapToDouble(Counts::f1).average().orElse(0);
        }
    }

    @Test
    void heldOutQualityByLeaveOneDocumentOutStaysAboveTheFloors() {
        Taxonomy taxonomy = Taxonomy.bundled();
        List<LabelledSentence> labelled = LabelledSentence.bundled();
        Map<String, Score> alone = new LinkedHashMap<>();
        Map<String, Score> whole = new LinkedHashMap<>();
        int unaligned = 0;
        for (String heldOut : LabelledSentence.seeds().stream().map(LabelledSentence::document).distinct().toList()) {
            DomainModel model = DomainModel.train(taxonomy, Models.EMBEDDER,
                    labelled.stream().filter(sentence -> !sentence.document().equals(heldOut)).toList());
            System.out.printf("fold %s: domain model %s%n", heldOut, model.describe());
            Classifier classifier = new Classifier(model);
            List<Classification.SentenceLabel> service = classifier.classify(Seeds.read(heldOut), null).sentences();
            Score aloneScore = alone.computeIfAbsent(heldOut, d -> new Score());
            Score wholeScore = whole.computeIfAbsent(heldOut, d -> new Score());
            for (LabelledSentence sentence : labelled) {
                if (!sentence.document().equals(heldOut)) {
                    continue;
                }
                aloneScore.add(sentence.domains(), sentence.stance(), classifier.label(sentence.text()));
                Optional<Classification.SentenceLabel> holder = bestHolder(sentence.text(), service);
                if (holder.isEmpty()) {
                    unaligned++;
                }
                wholeScore.add(sentence.domains(), sentence.stance(), holder
                        .map(held -> new Classifier.Labels(
                                held.domains().stream().collect(Collectors.toMap(domain -> domain, domain -> 1.0)),
                                held.stance(), held.confidence()))
                        .orElse(new Classifier.Labels(Map.of(), Stance.NEUTRAL, 0)));
            }
        }

        String aloneReport = report("Leave-one-document-out, each labelled sentence classified on its own", alone);
        String wholeReport = report("Leave-one-document-out, each held-out document classified whole (" + unaligned
                + " labelled sentences not found in the service's sentences count as labelled with nothing)", whole);
        Score allAlone = total(alone);
        Score allWhole = total(whole);
        assertTrue(allWhole.domainMicro().f1() >= DOMAIN_MICRO_F1_FLOOR,
                "held-out domain micro-F1 fell below the floor\n" + wholeReport);
        assertTrue(allWhole.stanceMacroF1() >= STANCE_MACRO_F1_FLOOR,
                "held-out stance macro-F1 fell below the floor\n" + wholeReport);
        assertTrue(allAlone.domainMicro().f1() >= SENTENCE_DOMAIN_MICRO_F1_FLOOR,
                "held-out domain micro-F1 of sentences on their own fell below the floor\n" + aloneReport);
        assertTrue(allAlone.stanceMacroF1() >= SENTENCE_STANCE_MACRO_F1_FLOOR,
                "held-out stance macro-F1 of sentences on their own fell below the floor\n" + aloneReport);
    }

    private static Score total(Map<String, Score> byDocument) {
        Score all = new Score();
        byDocument.values().forEach(all::add);
        return all;
    }

    private static Optional<Classification.SentenceLabel> bestHolder(String labelled,
            List<Classification.SentenceLabel> sentences) {
        Set<String> words = words(labelled);
        Classification.SentenceLabel best = null;
        double bestShare = 0.8;
        for (Classification.SentenceLabel sentence : sentences) {
            Set<String> held = words(sentence.text());
            double share = (double) words.stream().filter(held::contains).count() / Math.max(1, words.size());
            if (share > bestShare || (share == bestShare && best != null
                    && sentence.text().length() < best.text().length())) {
                best = sentence;
                bestShare = share;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).collect(Collectors.toSet());
    }

    /** Prints and answers the figures of each document, of all of them, their mean and the worst document. */
    private static String report(String title, Map<String, Score> byDocument) {
        StringBuilder report = new StringBuilder(title).append('\n');
        byDocument.forEach((document, score) -> report.append(table("held out " + document, score)));
        Score all = new Score();
        byDocument.values().forEach(all::add);
        report.append(table("all folds", all));
        report.append(String.format("mean over folds: domain micro-F1 %.3f, stance macro-F1 %.3f;"
                + " worst document: %.3f, %.3f%n",
                byDocument.values().stream().mapToDouble(score -> score.domainMicro().f1()).average().orElse(0),
                byDocument.values().stream().mapToDouble(Score::stanceMacroF1).average().orElse(0),
                byDocument.values().stream().mapToDouble(score -> score.domainMicro().f1()).min().orElse(0),
                byDocument.values().stream().mapToDouble(Score::stanceMacroF1).min().orElse(0)));
        System.out.print(report);
        return report.toString();
    }

    private static String table(String title, Score score) {
        StringBuilder table = new StringBuilder(String.format("%n%s, %d sentences%n%-18s %9s %6s %6s %4s %4s %4s%n",
                title, score.sentences, "label", "precision", "recall", "F1", "tp", "fp", "fn"));
        score.domains.forEach((domain, counts) -> table.append(row(domain, counts)));
        table.append(row("domain micro", score.domainMicro()));
        for (Stance stance : Stance.values()) {
            table.append(row("stance " + stance.id(), score.stances.getOrDefault(stance, new Counts())));
        }
        return table.append(String.format("%s: domain micro-F1 %.3f, stance macro-F1 %.3f%n", title,
                score.domainMicro().f1(), score.stanceMacroF1())).toString();
    }

    private static String row(String label, Counts counts) {
        return String.format("%-18s %9.2f %6.2f %6.2f %4d %4d %4d%n", label, counts.precision(), counts.recall(),
                counts.f1(), counts.truePositives, counts.falsePositives, counts.falseNegatives);
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
