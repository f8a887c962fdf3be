package io.policywatch.classify.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.policywatch.classify.Models;
import io.policywatch.classify.Seeds;
import io.policywatch.events.Classification;
import io.policywatch.events.Classification.DomainScore;
import io.policywatch.events.Classification.SentenceLabel;

class SeedClassificationTest {

    private static final Classifier CLASSIFIER = Models.bundledClassifier();

    @Test
    void theScoInformationSecurityDeclarationIsAboutCyberFirst() {
        Classification classification = classifySeed(Seeds.SCO_INFORMATION_SECURITY);

        assertEquals("cyber", classification.domains().get(0).domain());
        assertTrue(topDomains(classification, 3).contains("global-governance"), classification::toString);
    }

    @Test
    void theWhitePaperChapterOnEmergingFieldsIsAboutOuterSpaceAndCyber() {
        Classification classification = classifySeed(Seeds.WHITE_PAPER_EMERGING_FIELDS);

        List<String> top = topDomains(classification, 3);
        assertTrue(top.contains("outer-space") && top.contains("cyber"), () -> "top domains " + top);
    }

    @Test
    void theGlobalSecurityInitiativeIsAboutGovernanceAndPeaceAndTouchesManyDomains() {
        Classification classification = classifySeed(Seeds.GLOBAL_SECURITY_INITIATIVE);

        List<String> top = topDomains(classification, 2);
        assertTrue(top.contains("global-governance") && top.contains("peace-conflict"), () -> "top domains " + top);
        assertTrue(classification.domains().size() >= 8, classification.domains()::toString);
    }

    @Test
    void theUnDraftResolutionOnIctsIsAboutCyberFirst() {
        assertEquals("cyber", classifySeed(Seeds.UN_ICT_DRAFT_RESOLUTION).domains().get(0).domain());
    }

    @Test
    void sentencesUnderAHeadingThatNamesADomainCarryItButGarbleDoesNot() {
        Classification classification = CLASSIFIER.classify("""
                2. Cybersecurity

                States should refrain from attacking the power grids and hospitals of other countries.

                TIRAA BRI RLEATEI.

                3. Outer Space

                States should refrain from placing weapons where no one can watch them.
                """, "en");

        List<SentenceLabel> sentences = classification.sentences();
        assertEquals(List.of("cyber"), sentences.get(1).domains(), sentences::toString);
        assertEquals(List.of(), sentences.get(2).domains(), sentences::toString);
        assertEquals(List.of("outer-space"), sentences.get(4).domains(), sentences::toString);
    }

    @Test
    void documentScoresAreInUnitRangeStrongestFirstWithStanceCounts() {
        Classification classification = classifySeed(Seeds.WHITE_PAPER_EMERGING_FIELDS);

        double previous = 1;
        for (DomainScore domain : classification.domains()) {
            assertTrue(domain.score() > 0 && domain.score() <= previous, classification.domains()::toString);
            long carrying = classification.sentences().stream()
                    .filter(sentence -> sentence.domains().contains(domain.domain())).count();
            assertEquals(carrying, domain.stance().support() + domain.stance().oppose() + domain.stance().neutral());
            previous = domain.score();
        }
        assertEquals("policywatch-classifier/2.1", classification.model());
        assertEquals("1", classification.taxonomyVersion());
        assertEquals("en", classification.language());
        assertTrue(classification.languageSupported());
    }

    @Test
    void pageFurnitureAndGarbledOcrGetNoDomain() {
        Classification classification = classifySeed(Seeds.WHITE_PAPER_EMERGING_FIELDS);

        List<SentenceLabel> noise = classification.sentences().stream()
                .filter(sentence -> sentence.text().startsWith("BEIJING REVIEW")
                        || sentence.text().startsWith("Hhass W4")
                        || sentence.text().startsWith("HMEHF AR S Z")
                        || sentence.text().startsWith("DOCUMENT / 3"))
                .toList();
        assertTrue(noise.size() >= 4, () -> "expected the noise lines as sentences, got " + noise);
        noise.forEach(sentence -> assertTrue(sentence.domains().isEmpty(), sentence::toString));
    }

    @Test
    void aNonEnglishTextIsReportedWithItsLanguageAndGetsNoDomains() {
        Classification french = CLASSIFIER.classify("La Chine s'oppose à la militarisation de l'espace et appelle "
                + "les États à renforcer la coopération dans le domaine de la sécurité des satellites.", null);
        Classification chinese = CLASSIFIER.classify("中国坚决反对外空武器化和外空军备竞赛。", null);

        assertEquals("fr", french.language());
        assertFalse(french.languageSupported());
        assertTrue(french.domains().isEmpty());
        assertTrue(french.sentences().stream().allMatch(sentence -> sentence.domains().isEmpty()));
        assertEquals("zh", chinese.language());
        assertFalse(chinese.languageSupported());
    }

    @Test
    void aDeclaredLanguageIsTrustedOverDetection() {
        Classification declared = CLASSIFIER.classify("It resolutely opposes the weaponization of outer space.", "de");

        assertEquals("de", declared.language());
        assertFalse(declared.languageSupported());
        assertTrue(declared.domains().isEmpty());
    }

    private static List<String> topDomains(Classification classification, int n) {
        return classification.domains().stream().limit(n).map(DomainScore::domain).toList();
    }

    private static Classification classifySeed(String name) {
        return CLASSIFIER.classify(Seeds.read(name), null);
    }
}
