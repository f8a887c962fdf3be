package io.policywatch.classify.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.policywatch.classify.Models;
import io.policywatch.events.Stance;

/** The author's position, per taxonomy.md: what the author does in the sentence, not the topic's polarity. */
class StanceTest {

    private static final Classifier CLASSIFIER = Models.bundledClassifier();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            // the author advocates
            "China supports the central role of the United Nations in global governance.|SUPPORT",
            "We call on all States to accede to the Treaty without delay.|SUPPORT",
            "The ministers welcomed the adoption of the convention.|SUPPORT",
            "The Government stands ready to work with all partners on maritime security.|SUPPORT",
            "States should take practical measures to prevent an arms race.|SUPPORT",
            // the author opposes, even where the topic is something the author wants protected
            "It resolutely opposes the weaponization of outer space.|OPPOSE",
            "We condemn the missile launches in the strongest terms.|OPPOSE",
            "Exclusive rules made by blocs cannot replace universally accepted norms.|OPPOSE",
            // the author reports
            "The Treaty entered into force in 1970 and now has 191 States parties.|NEUTRAL",
            "In March 2017, the ministry released its international strategy on cyberspace.|NEUTRAL",
            "Recalling its resolution 1540 of 28 April 2004,|NEUTRAL",
            "The initiative has been widely welcomed by the international community.|NEUTRAL",
            // negation
            "The delegation does not object to the proposed agenda.|NEUTRAL",
            "The Government has never supported the deployment of weapons in orbit.|OPPOSE",
            "Cyberspace should not be turned into a battlefield.|OPPOSE",
            "No State shall place nuclear weapons in orbit around the Earth.|OPPOSE",
            // concern
            "The ministers expressed concern about the militarization of outer space.|OPPOSE",
            "We are deeply concerned by the use of chemical weapons in Syria.|OPPOSE",
            // main verb first
            "We reject unilateral sanctions and support dialogue.|OPPOSE",
            "We support dialogue and reject unilateral sanctions.|SUPPORT" })
    void readsTheAuthorsPosition(String sentence, Stance expected) {
        Classifier.Labels labels = CLASSIFIER.label(sentence);

        assertEquals(expected, labels.stance(), sentence);
        assertTrue(labels.confidence() > 0 && labels.confidence() <= 1, () -> "confidence " + labels.confidence());
    }

    @Test
    void aHedgeLowersTheConfidence() {
        double plain = CLASSIFIER.label("States support the initiative on space debris.").confidence();
        double hedged = CLASSIFIER.label("States may possibly support the initiative on space debris.").confidence();

        assertTrue(hedged < plain, () -> hedged + " should be below " + plain);
    }

    @Test
    void aSentenceWithoutDomainStillHasAStance() {
        Classifier.Labels labels = CLASSIFIER.label("We firmly oppose this.");

        assertTrue(labels.domains().isEmpty());
        assertEquals(Stance.OPPOSE, labels.stance());
    }
}
