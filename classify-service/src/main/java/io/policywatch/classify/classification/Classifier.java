package io.policywatch.classify.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.policywatch.classify.entities.Entities;
import io.policywatch.classify.entities.EntityFinder;
import io.policywatch.classify.taxonomy.Taxonomy;
import io.policywatch.classify.text.LanguageDetector;
import io.policywatch.classify.text.Noise;
import io.policywatch.classify.text.OcrRepair;
import io.policywatch.classify.text.Sentence;
import io.policywatch.classify.text.SentenceSplitter;
import io.policywatch.classify.text.Token;
import io.policywatch.classify.text.Tokenizer;
import io.policywatch.events.Classification;
import io.policywatch.events.Classification.DomainScore;
import io.policywatch.events.Classification.SentenceLabel;
import io.policywatch.events.Classification.StanceCounts;
import io.policywatch.events.Stance;

/**
 * Labels a text sentence by sentence (domains by the {@link DomainModel}, stance by the taxonomy's stance lexicon),
 * then sums the sentences up into document domains. Thread-safe.
 */
public final class Classifier {

    /** What one sentence is labelled with; {@code domains} most probable first, with their probabilities. */
    public record Labels(Map<String, Double> domains, Stance stance, double confidence) {
        public List<String> domainIds() {
            return List.copyOf(domains.keySet());
        }
    }

    /** Name and version of this classifier; a change to how it labels gets a new version. */
    public static final String MODEL = "policywatch-classifier/2.1";

    private static final int MAX_HEADING_WORDS = 8;
    private static final int MIN_PROSE_WORDS = 3;
    private static final String FINAL_PUNCTUATION = ".!?;:,\"”)";

    private final Taxonomy taxonomy;
    private final DomainModel domains;
    private final StanceDetector stances;
    private final EntityFinder entityFinder;

    /** A classifier that labels domains and stance and looks up no entities. */
    public Classifier(DomainModel domains) {
        this(domains, null);
    }

    /** A classifier that also reports the states, organizations and issuers the gazetteer finds. */
    public Classifier(DomainModel domains, EntityFinder entityFinder) {
        this.taxonomy = domains.taxonomy();
        this.domains = domains;
        this.stances = new StanceDetector(taxonomy.stanceLexicon());
        this.entityFinder = entityFinder;
    }

    /**
     * @param declaredLanguage the language the text is known to be in (e.g. from extraction), or null / "und" to
     *        detect it
     */
    public Classification classify(String text, String declaredLanguage) {
        String language = declaredLanguage == null || declaredLanguage.isBlank()
                || declaredLanguage.equalsIgnoreCase(LanguageDetector.UNDETERMINED)
                        ? LanguageDetector.detect(text)
                        : declaredLanguage.toLowerCase(Locale.ROOT);
        boolean supported = language.equals(LanguageDetector.ENGLISH);
        List<Sentence> split = SentenceSplitter.split(text);
        List<String> readable = split.stream().map(sentence -> OcrRepair.repair(sentence.text())).toList();
        List<List<Token>> tokens = readable.stream().map(Tokenizer::tokenize).toList();
        List<DomainModel.Reading> readings = supported ? read(readable, tokens) : null;
        List<SentenceLabel> sentences = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            Labels label = new Labels(Map.of(), Stance.NEUTRAL, 0);
            if (supported) {
                StanceDetector.Reading stance = stances.read(readable.get(i), tokens.get(i));
                Map<String, Double> reached = readings.get(i) == null ? Map.of() : domains.domains(readings.get(i));
                label = new Labels(reached, stance.stance(), stance.confidence());
            }
            labels.add(label);
            Sentence sentence = split.get(i);
            sentences.add(new SentenceLabel(i, sentence.start(), sentence.end(), sentence.text(), label.domainIds(),
                    label.stance(), label.confidence()));
        }
        Classification classification = new Classification(MODEL, taxonomy.version(), language, supported,
                documentDomains(labels), sentences, null, List.of(), List.of());
        if (entityFinder == null) {
            return classification;
        }
        Entities entities = entityFinder.find(text);
        return classification.withEntities(entities.gazetteerVersion(), entities.entities(), entities.issuers());
    }

    /**
     * Reads each sentence on its own, in order, the sentences of a section with the domains its heading names; a
     * sentence that is not language (noise, page furniture, no words) or has no cue word gets no reading and so no
     * domain.
     */
    private List<DomainModel.Reading> read(List<String> sentences, List<List<Token>> tokens) {
        List<DomainModel.Reading> readings = new ArrayList<>();
        Set<String> section = Set.of();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            List<Token> words = tokens.get(i);
            if (words.isEmpty() || Noise.isNoise(sentence, words)) {
                readings.add(null);
            } else if (isHeading(sentence, words)) {
                DomainModel.Reading heading = domains.read(sentence, words, Set.of());
                readings.add(heading);
                section = heading == null ? Set.of() : domains.domains(heading).keySet();
            } else {
                readings.add(domains.read(sentence, words, isProse(sentence, words) ? section : Set.of()));
            }
        }
        return readings;
    }

    /** Labels one sentence, taken as it is, outside any section. */
    public Labels label(String sentence) {
        String readable = OcrRepair.repair(sentence);
        List<Token> tokens = Tokenizer.tokenize(readable);
        StanceDetector.Reading stance = stances.read(readable, tokens);
        DomainModel.Reading reading = tokens.isEmpty() || Noise.isNoise(readable, tokens) ? null
                : domains.read(readable, tokens, Set.of());
        Map<String, Double> reached = reading == null ? Map.of() : domains.domains(reading);
        return new Labels(reached, stance.stance(), stance.confidence());
    }

    /**
     * A short line without final punctuation that is not page furniture ("2. Cybersecurity", "III. Priorities of
     * cooperation") opens a section; the domains it names are the section's topic.
     */
    private static boolean isHeading(String sentence, List<Token> tokens) {
        return !tokens.isEmpty() && tokens.size() <= MAX_HEADING_WORDS
                && FINAL_PUNCTUATION.indexOf(sentence.charAt(sentence.length() - 1)) < 0
                && !Noise.isNoise(sentence, tokens);
    }

    /**
     * A sentence under a heading that names a domain is about that domain even when it does not repeat the words
     * ("2. Cybersecurity" ... "States should refrain from attacking critical infrastructure"). Garbled OCR between
     * the sentences of a section ("TIRAA.", "IS ERTIRIIN TEEIFEAAT") has none of the lower-case words prose has, so
     * it does not take the section's domains.
     */
    private static boolean isProse(String sentence, List<Token> tokens) {
        return !Noise.isNoise(sentence, tokens) && tokens.stream()
                .filter(token -> token.surface().chars().allMatch(Character::isLowerCase)).count() >= MIN_PROSE_WORDS;
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * A domain's document score grows with the share of the labelled sentences that carry it and with the evidence
     * they hold (each sentence counts its probability for the domain), so one passing mention in a long text stays
     * low and a text that is about the domain throughout comes near 1.
     */
    private List<DomainScore> documentDomains(List<Labels> labels) {
        long labelled = labels.stream().filter(label -> !label.domains().isEmpty()).count();
        if (labelled == 0) {
            return List.of();
        }
        Map<String, Double> evidence = new HashMap<>();
        Map<String, Integer> sentenceCounts = new HashMap<>();
        Map<String, Map<Stance, Integer>> stanceCounts = new LinkedHashMap<>();
        for (Labels label : labels) {
            label.domains().forEach((domain, weight) -> {
                evidence.merge(domain, weight, Double::sum);
                sentenceCounts.merge(domain, 1, Integer::sum);
                stanceCounts.computeIfAbsent(domain, d -> new EnumMap<>(Stance.class))
                        .merge(label.stance(), 1, Integer::sum);
            });
        }
        return evidence.keySet().stream()
                .map(domain -> {
                    double share = (double) sentenceCounts.get(domain) / labelled;
                    double score = Math.sqrt(share) * (1 - Math.exp(-evidence.get(domain)));
                    Map<Stance, Integer> counts = stanceCounts.get(domain);
                    return new DomainScore(domain, Math.round(score * 1000) / 1000.0, new StanceCounts(
                            counts.getOrDefault(Stance.SUPPORT, 0), counts.getOrDefault(Stance.OPPOSE, 0),
                            counts.getOrDefault(Stance.NEUTRAL, 0)));
                })
                .filter(score -> score.score() >= taxonomy.thresholds().document())
                .sorted(Comparator.comparingDouble(DomainScore::score).reversed()
                        .thenComparing(DomainScore::domain))
                .toList();
    }
}
