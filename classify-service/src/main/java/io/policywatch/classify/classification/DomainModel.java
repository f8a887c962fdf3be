package io.policywatch.classify.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.policywatch.classify.taxonomy.Taxonomy;
import io.policywatch.classify.text.Token;
import io.policywatch.classify.text.Tokenizer;

/**
 * Decides a sentence's domains from three kinds of evidence, weighed by a small logistic model learned from
 * labelled sentences:
 * <ul>
 * <li>the taxonomy's <b>cues</b>: the domain's cue weight sum against the threshold, and whether it reaches it;</li>
 * <li><b>meaning</b>: how close the sentence's embedding is to the domain's description and examples, and how much
 * closer than to any other domain's;</li>
 * <li><b>similar sentences</b>: the share of its nearest labelled sentences (by embedding) that carry the
 * domain.</li>
 * </ul>
 * One set of weights serves every domain, since each feature means the same for each: a rare domain, or one an
 * operator adds without labelled sentences (its share of similar sentences is 0, its cues and examples still
 * count), is decided by the same rule as the frequent ones. Thread-safe once built.
 */
public final class DomainModel {

    private static final int NEAREST = 7;
    /** Cue sums beyond three thresholds add no more certainty. */
    private static final double MAX_CUE_RATIO = 3;
    /** Bias, cue ratio, cue threshold reached, closeness, closeness margin, similar share. */
    private static final int FEATURES = 6;
    private static final int EPOCHS = 2000;
    private static final double LEARNING_RATE = 0.5;
    private static final double L2 = 1e-3;

    /** A labelled sentence as the model remembers it. */
    private record Example(String document, float[] embedding, int[] domainIndexes) {
    }

    /**
     * What the model reads in one sentence: for each domain a row of features (bias, cue ratio, cue threshold
     * reached, closeness to the domain's prototypes, margin of that closeness over the closest other domain, share
     * of similar labelled sentences).
     */
    static final class Reading {
        private final double[][] rows;

        private Reading(double[][] rows) {
            this.rows = rows;
        }
    }

    private final Taxonomy taxonomy;
    private final DomainScorer cues;
    private final SentenceEmbedder embedder;
    private final List<String> domainIds;
    private final List<List<float[]>> prototypes;
    private final List<Example> examples;
    private final double[] weights;
    /** The probability a sentence needs for a domain. */
    private final double decision;

    private DomainModel(Taxonomy taxonomy, SentenceEmbedder embedder, List<LabelledSentence> labelled) {
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("the domain model needs labelled sentences to learn from");
        }
        this.taxonomy = taxonomy;
        this.cues = new DomainScorer(taxonomy);
        this.embedder = embedder;
        this.domainIds = taxonomy.domains().stream().map(Taxonomy.Domain::id).toList();
        this.prototypes = taxonomy.domains().stream()
                .map(domain -> domain.prototypes().stream().map(embedder::embed).toList()).toList();
        this.examples = labelled.stream()
                .map(sentence -> new Example(sentence.document(), embedder.embed(sentence.text()),
                        sentence.domains().stream().mapToInt(domainIds::indexOf).filter(d -> d >= 0).toArray()))
                .toList();
        List<double[]> rows = new ArrayList<>();
        List<Boolean> targets = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            LabelledSentence sentence = labelled.get(i);
            Map<String, Double> cueSums = cueSums(Tokenizer.tokenize(sentence.text()), Set.of());
            if (cueSums.isEmpty()) {
                continue; // never read (see read): the model learns on the sentences it will decide
            }
            Reading reading = read(cueSums, examples.get(i).embedding(), sentence.document());
            for (int d = 0; d < domainIds.size(); d++) {
                rows.add(reading.rows[d]);
                targets.add(sentence.domains().contains(domainIds.get(d)));
            }
        }
        this.weights = fit(rows, targets);
        this.decision = bestDecision(rows, targets);
    }

    /**
     * Learns the weights from labelled sentences. A sentence's similar sentences are sought among the other
     * documents only, so the model learns how far to trust them for a document it has not seen, as a new text will
     * be.
     */
    public static DomainModel train(Taxonomy taxonomy, SentenceEmbedder embedder, List<LabelledSentence> labelled) {
        return new DomainModel(taxonomy, embedder, labelled);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * Reads one sentence on its own (the costly part: its embedding). A sentence without a single cue word of any
     * domain, weak ones included ("space", "peace", "data", "rules"), is not read: it has no domain. That spares the
     * embedding for the third or so of a text's sentences that are procedure, narration or rhetoric, which keeps
     * the service above 5 documents/s of 20 KB on 2 cores.
     *
     * @param section domains the heading of the sentence's section names: they count as one sufficient cue
     * @return the reading, or null for a sentence without cue words
     */
    Reading read(String sentence, List<Token> tokens, Set<String> section) {
        Map<String, Double> cueSums = cueSums(tokens, section);
        return cueSums.isEmpty() ? null : read(cueSums, embedder.embed(sentence), null);
    }

    /**
     * The domains a sentence is about, most probable first, with their probabilities (each at least the learned
     * decision threshold).
     */
    Map<String, Double> domains(Reading reading) {
        double[] probabilities = new double[domainIds.size()];
        List<Integer> reached = new ArrayList<>();
        for (int d = 0; d < domainIds.size(); d++) {
            probabilities[d] = sigmoid(dot(weights, reading.rows[d]));
            if (probabilities[d] >= decision) {
                reached.add(d);
            }
        }
        reached.sort(Comparator.comparingDouble((Integer d) -> -probabilities[d]));
        Map<String, Double> domains = new LinkedHashMap<>();
        reached.forEach(d -> domains.put(domainIds.get(d), probabilities[d]));
        return domains;
    }

    private Map<String, Double> cueSums(List<Token> tokens, Set<String> section) {
        Map<String, Double> sums = cues.sums(tokens);
        section.forEach(domain -> sums.merge(domain, cues.threshold(), Math::max));
        return sums;
    }

    /** @param excludedDocument a document whose sentences are not among the similar ones (null: all are) */
    private Reading read(Map<String, Double> cueSums, float[] embedding, String excludedDocument) {
        int domains = domainIds.size();
        double[] closeness = new double[domains];
        for (int d = 0; d < domains; d++) {
            for (float[] prototype : prototypes.get(d)) {
                closeness[d] = Math.max(closeness[d], SentenceEmbedder.cosine(embedding, prototype));
            }
        }
        double[] similarShares = similarShares(embedding, excludedDocument);
        double[][] rows = new double[domains][];
        for (int d = 0; d < domains; d++) {
            double closestOther = 0;
            for (int other = 0; other < domains; other++) {
                if (other != d) {
                    closestOther = Math.max(closestOther, closeness[other]);
                }
            }
            double cueSum = cueSums.getOrDefault(domainIds.get(d), 0.0);
            rows[d] = new double[] { 1, Math.min(MAX_CUE_RATIO, cueSum / cues.threshold()),
                    cueSum >= cues.threshold() ? 1 : 0, closeness[d], closeness[d] - closestOther,
                    similarShares[d] };
        }
        return new Reading(rows);
    }

    /** For each domain, the similarity-weighted share of the nearest labelled sentences that carry it. */
    private double[] similarShares(float[] embedding, String excludedDocument) {
        int[] nearest = new int[NEAREST];
        double[] similarities = new double[NEAREST];
        int found = 0;
        for (int e = 0; e < examples.size(); e++) {
            Example example = examples.get(e);
            if (example.document().equals(excludedDocument)) {
                continue;
            }
            double similarity = Math.max(0, SentenceEmbedder.cosine(embedding, example.embedding()));
            if (found < NEAREST || similarity > similarities[found - 1]) {
                // insertion into the few nearest kept so far, most similar first: no sort of all examples
                int at = Math.min(found, NEAREST - 1);
                while (at > 0 && similarities[at - 1] < similarity) {
                    similarities[at] = similarities[at - 1];
                    nearest[at] = nearest[at - 1];
                    at--;
                }
                similarities[at] = similarity;
                nearest[at] = e;
                found = Math.min(NEAREST, found + 1);
            }
        }
        double[] shares = new double[domainIds.size()];
        double total = 0;
        for (int k = 0; k < found; k++) {
            total += similarities[k];
            for (int d : examples.get(nearest[k]).domainIndexes()) {
                shares[d] += similarities[k];
            }
        }
        if (total > 0) {
            for (int d = 0; d < shares.length; d++) {
                shares[d] /= total;
            }
        }
        return shares;
    }

    /** Logistic regression by full-batch gradient descent with a little L2: a few thousand rows, six features. */
    private static double[] fit(List<double[]> rows, List<Boolean> targets) {
        double[] w = new double[FEATURES];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[] gradient = new double[FEATURES];
            for (int r = 0; r < rows.size(); r++) {
                double error = sigmoid(dot(w, rows.get(r))) - (targets.get(r) ? 1 : 0);
                for (int f = 0; f < FEATURES; f++) {
                    gradient[f] += error * rows.get(r)[f];
                }
            }
            for (int f = 0; f < FEATURES; f++) {
                w[f] -= LEARNING_RATE * (gradient[f] / rows.size() + (f == 0 ? 0 : L2 * w[f]));
            }
        }
        return w;
    }

    /**
     * The threshold with the best micro-F1 on the training rows. A domain is rare for any one sentence, so the
     * probability that best separates is usually below one half; the rows' similar sentences come from other
     * documents, so the threshold is chosen as for an unseen text.
     */
    private double bestDecision(List<double[]> rows, List<Boolean> targets) {
        double best = 0.5;
        double bestF1 = -1;
        for (int percent = 20; percent <= 60; percent += 5) {
            double threshold = percent / 100.0;
            int truePositives = 0;
            int predicted = 0;
            int actual = 0;
            for (int r = 0; r < rows.size(); r++) {
                boolean yes = sigmoid(dot(weights, rows.get(r))) >= threshold;
                predicted += yes ? 1 : 0;
                actual += targets.get(r) ? 1 : 0;
                truePositives += yes && targets.get(r) ? 1 : 0;
            }
            double f1 = predicted + actual == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return best;
    }

    /** The learned weights (in the order of the features, bias first) and decision threshold, for reports. */
    public String describe() {
        return "weights " + Arrays.toString(Arrays.stream(weights).map(w -> Math.round(w * 100) / 100.0).toArray())
                + ", decision threshold " + decision;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
