package io.policywatch.classify.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.policywatch.classify.Corpus;
import io.policywatch.classify.Models;
import io.policywatch.events.Classification;
import io.policywatch.events.Classification.DomainScore;

/**
 * Texts of issuers the classifier's cues were not written beside get the domains they are about. Since version 2.1
 * their labelled sentences are also among the ones the domain model learns from (so this is no longer a held-out
 * check: it keeps the service's whole-text behaviour on them, section rules and document scores included).
 */
class CorpusClassificationTest {

    private static final Classifier CLASSIFIER = Models.bundledClassifier();

    @Test
    void eachTextOfTheCorpusIsAboutWhatItsTitleSays() {
        assertEquals("outer-space", top(Corpus.read("outer-space-treaty-1967.txt")));
        assertEquals("outer-space", top(Corpus.read("sweden-defence-minister-space-speech-2023.txt")));
        assertEquals("nuclear", top(Corpus.read(Corpus.G7_HIROSHIMA_VISION)));
        assertEquals("nuclear", top(Corpus.read("australia-1968-npt-statement-un.txt")));
        assertEquals("cyber", top(Corpus.read(Corpus.US_ALLIES_PRC_CYBER)));
        assertEquals("chem-bio", top(Corpus.read("us-code-50-2301-wmd-findings.txt")));
        List<String> annexation = CLASSIFIER.classify(Corpus.read("us-statement-unga-annexation-vote-2022.txt"), null)
                .domains().stream().limit(2).map(DomainScore::domain).toList();
        assertTrue(annexation.contains("global-governance") && annexation.contains("peace-conflict"),
                annexation::toString);
    }

    /**
     * "space" alone is too weak a cue to decide (cues alone label none of these sentences); the embedding model reads
     * what the sentence means.
     */
    @Test
    void aSpeechThatSaysOnlySpaceIsReadAsAboutOuterSpace() {
        Classification speech = CLASSIFIER.classify(Corpus.read("sweden-defence-minister-space-speech-2023.txt"),
                null);

        List<Classification.SentenceLabel> spaceOnly = speech.sentences().stream()
                .filter(sentence -> sentence.text().contains("space") && !sentence.text().contains("outer space")
                        && !sentence.text().contains("satellite"))
                .toList();
        long outerSpace = spaceOnly.stream().filter(sentence -> sentence.domains().contains("outer-space")).count();
        assertTrue(spaceOnly.size() >= 10 && outerSpace >= 0.6 * spaceOnly.size(),
                () -> outerSpace + " of " + spaceOnly.size() + ": " + spaceOnly);
    }

    private static String top(String text) {
        return CLASSIFIER.classify(text, null).domains().get(0).domain();
    }
}
