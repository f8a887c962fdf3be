package io.policywatch.notify.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.policywatch.events.Classification;
import io.policywatch.events.Stance;

/**
 * Realistic subscriptions and documents for matching at scale: queries of 2 to 5 terms and phrases drawn with Zipf
 * frequencies from a policy vocabulary (the words and word pairs of the seed documents, padded with generated
 * policy-like words to {@value #VOCABULARY_SIZE} terms, at random ranks), some with wildcards, also inside phrases; documents
 * are
 * ~20 KB windows of the seed documents, split into labelled sentences. Everything is drawn from one seed.
 */
final class PolicyWorkload {

    static final int VOCABULARY_SIZE = 24_000;
    static final int PHRASE_COUNT = 12_000;
    static final int DOCUMENT_CHARS = 20_000;
    static final List<String> DOMAINS = List.of("outer-space", "nuclear", "cyber", "chem-bio", "peace-conflict",
            "conventional-arms");
    private static final List<String> SEEDS = List.of("000_75cf7169558250f9.txt", "001_0d9eee78d7152bc0.txt",
            "002_b115bc2835af3bd6.txt", "003_ea35d43ee21e10af.txt");
    private static final String[] SYLLABLES = { "pro", "lif", "era", "tion", "dis", "arm", "ment", "sec", "uri", "ty",
            "treat", "ies", "ver", "ific", "mil", "itar", "iza", "nuc", "lear", "sanc", "cyb", "orb", "ital", "deter",
            "rence", "bal", "lis", "tic", "con", "ven", "tio", "nal", "stra", "teg", "ic", "ex", "port", "ctrl" };
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;](\\s+|$)|\\n\\s*\\n");

    /** A subscription as the benchmark stores it. */
    record Query(String id, String query, MatchFilter filter) {
    }

    /** A document with its classification, as classify-service would give it. */
    record Document(String text, Classification classification) {
    }

    private final Random random;
    private final List<String> terms;
    private final List<String> phrases;
    private final Zipf termRanks;
    private final Zipf phraseRanks;
    private final String corpus;

    PolicyWorkload(long seed) {
        this.random = new Random(seed);
        this.corpus = readSeeds();
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(corpus);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        this.terms = vocabulary(new LinkedHashSet<>(words.stream().filter(word -> word.length() >= 4).toList()));
        this.phrases = phrases(words);
        this.termRanks = new Zipf(terms.size(), 1.0);
        this.phraseRanks = new Zipf(phrases.size(), 1.0);
    }

    int vocabularySize() {
        return terms.size();
    }

    List<Query> queries(int count) {
        List<Query> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            queries.add(new Query("s" + i, query(), filter()));
        }
        return queries;
    }

    /** Documents of ~{@value #DOCUMENT_CHARS} characters, each a window of the seeds starting at a sentence. */
    List<Document> documents(int count) {
        List<Document> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = corpus.indexOf(". ", random.nextInt(corpus.length() - DOCUMENT_CHARS - 1)) + 2;
            String text = corpus.substring(start, Math.min(corpus.length(), start + DOCUMENT_CHARS));
            documents.add(new Document(text, classify(text)));
        }
        return documents;
    }

    private String query() {
        int parts = 2 + random.nextInt(4);
        List<String> clauses = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            clauses.add(part());
        }
        // Mostly conjunctions, as alerts are meant to be specific; some alternatives, few pure disjunctions.
        double shape = random.nextDouble();
        if (shape < 0.6) {
            return String.join(" AND ", clauses);
        }
        if (shape < 0.9 && parts >= 3) {
            return "(" + clauses.get(0) + " OR " + clauses.get(1) + ") AND "
                    + String.join(" AND ", clauses.subList(2, parts));
        }
        return String.join(" OR ", clauses);
    }

    private String part() {
        double kind = random.nextDouble();
        if (kind < 0.50) {
            return terms.get(termRanks.sample(random));
        }
        if (kind < 0.60) {
            String term = terms.get(termRanks.sample(random));
            return term.substring(0, Math.max(3, term.length() - 3)) + "*";
        }
        String phrase = phrases.get(phraseRanks.sample(random));
        if (kind < 0.68) {
            // A wildcard inside a phrase, as analysts write "chemical weapon*".
            int lastWord = phrase.lastIndexOf(' ') + 1;
            int stemEnd = phrase.length() - lastWord > 4 ? phrase.length() - 2 : phrase.length();
            return "\"" + phrase.substring(0, stemEnd) + "*\"";
        }
        if (kind < 0.72) {
            return "\"" + phrase + "\"~3";
        }
        return "\"" + phrase + "\"";
    }

    private MatchFilter filter() {
        double kind = random.nextDouble();
        if (kind < 0.15) {
            return new MatchFilter(Set.of(DOMAINS.get(random.nextInt(DOMAINS.size()))), null, null);
        }
        if (kind < 0.25) {
            return new MatchFilter(Set.of(), Stance.values()[random.nextInt(Stance.values().length)], null);
        }
        return MatchFilter.NONE;
    }

    private Classification classify(String text) {
        List<Classification.SentenceLabel> sentences = new ArrayList<>();
        Matcher end = SENTENCE_END.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int stop = end.find(start) ? end.end() : text.length();
            if (stop <= start) {
                stop = text.length();
            }
            List<String> domains = random.nextDouble() < 0.6 ? List.of(DOMAINS.get(random.nextInt(DOMAINS.size())))
                    : List.of();
            sentences.add(new Classification.SentenceLabel(sentences.size(), start, stop, text.substring(start, stop),
                    domains, Stance.values()[random.nextInt(Stance.values().length)], 0.8));
            start = stop;
        }
        List<Classification.DomainScore> scores = DOMAINS.stream()
                .map(domain -> new Classification.DomainScore(domain, random.nextDouble(),
                        new Classification.StanceCounts(1, 1, 1)))
                .toList();
        return new Classification("benchmark/1", "1", "en", true, scores, sentences, null, List.of(), List.of());
    }

    /** The seeds' words and generated words up to the vocabulary size. */
    private List<String> vocabulary(Set<String> real) {
        List<String> realWords = new ArrayList<>(real);
        Set<String> generated = new LinkedHashSet<>();
        while (real.size() + generated.size() < VOCABULARY_SIZE) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (!real.contains(word.toString())) {
                generated.add(word.toString());
            }
        }
        return interleave(realWords, new ArrayList<>(generated));
    }

    /** Adjacent word pairs of the seeds and generated pairs up to the phrase count. */
    private List<String> phrases(List<String> words) {
        Set<String> real = new LinkedHashSet<>();
        for (int i = 1; i < words.size(); i++) {
            real.add(words.get(i - 1) + " " + words.get(i));
        }
        List<String> realPhrases = new ArrayList<>(real);
        Set<String> generated = new LinkedHashSet<>();
        while (realPhrases.size() + generated.size() < PHRASE_COUNT) {
            generated.add(terms.get(random.nextInt(terms.size())) + " " + terms.get(random.nextInt(terms.size())));
        }
        return interleave(realPhrases, new ArrayList<>(generated));
    }

    /**
     * Real and generated entries at random ranks: the documents at hand hold only part of a policy vocabulary,
     * frequent or not.
     */
    private List<String> interleave(List<String> real, List<String> generated) {
        List<String> all = new ArrayList<>(real.size() + generated.size());
        all.addAll(real);
        all.addAll(generated);
        Collections.shuffle(all, random);
        return all;
    }

    private static String readSeeds() {
        StringBuilder text = new StringBuilder();
        for (String seed : SEEDS) {
            try (InputStream in = PolicyWorkload.class.getResourceAsStream("/benchmark/" + seed)) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append("\n\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    /** Ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting the cumulative distribution. */
    private static final class Zipf {

        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int rank = 0; rank < n; rank++) {
                sum += 1 / Math.pow(rank + 1, s);
                cumulative[rank] = sum;
            }
            for (int rank = 0; rank < n; rank++) {
                cumulative[rank] /= sum;
            }
        }

        int sample(Random random) {
            int index = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
        }
    }
}
