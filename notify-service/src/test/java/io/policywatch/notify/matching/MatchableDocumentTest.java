package io.policywatch.notify.matching;

import static io.policywatch.notify.TestDocuments.classified;
import static io.policywatch.notify.TestDocuments.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Stance;
import io.policywatch.notify.TestDocuments.Sentence;

class MatchableDocumentTest {

    private static final Sentence CHEMICAL = sentence(
            "The Convention bans Chemical Weapons and their precursors.", Stance.NEUTRAL, "chem-bio");
    private static final Sentence SPACE = sentence(
            "We oppose the weaponization of outer space by any country.", Stance.OPPOSE, "outer-space");
    private static final Sentence TREATY = sentence(
            "A treaty on space security would prevent an arms race.", Stance.SUPPORT, "outer-space");

    private static Optional<List<MatchedPassage>> match(String query, MatchFilter filter, Sentence... sentences) {
        return match(query, filter, Map.of(), sentences);
    }

    private static Optional<List<MatchedPassage>> match(String query, MatchFilter filter, Map<String, Double> scores,
            Sentence... sentences) {
        DocumentClassified document = classified("doc", scores, sentences);
        try {
            return MatchableDocument.of(document.document().text(), document.classification())
                    .match(QueryCompiler.compile(query), filter);
        } catch (InvalidQueryException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean fires(String query, Sentence... sentences) {
        return match(query, MatchFilter.NONE, sentences).isPresent();
    }

    @Test
    void aQuotedPhraseMatchesItsWordsInOrderAndNotScattered() {
        assertTrue(fires("\"outer space\"", SPACE));
        assertFalse(fires("\"space outer\"", SPACE));
        assertFalse(fires("\"weaponization space\"", SPACE));
    }

    @Test
    void aWildcardInsideAPhraseMatchesEveryEnding() {
        assertTrue(fires("\"chemical weapon*\"", CHEMICAL));
        assertTrue(fires("\"chem* weapons\"", CHEMICAL));
        assertFalse(fires("\"chemical weapon*\"", SPACE));
    }

    @Test
    void proximityAllowsWordsInBetweenUpToTheSlop() {
        assertTrue(fires("\"oppose space\"~5", SPACE));
        assertFalse(fires("\"oppose space\"~2", SPACE));
    }

    @Test
    void booleanOperatorsCombineTerms() {
        assertTrue(fires("weaponization AND treaty", SPACE, TREATY));
        assertFalse(fires("weaponization AND convention", SPACE, TREATY));
        assertTrue(fires("convention OR treaty", SPACE, TREATY));
        assertFalse(fires("space NOT treaty", SPACE, TREATY));
        assertTrue(fires("space NOT convention", SPACE, TREATY));
    }

    @Test
    void matchingIgnoresCaseInQueryAndText() {
        assertTrue(fires("CHEMICAL", CHEMICAL));
        assertTrue(fires("\"Chemical WEAPONS\"", CHEMICAL));
        assertTrue(fires("WEAP*", CHEMICAL));
    }

    @Test
    void aStanceFilterNeedsTheStanceInASentenceThatHoldsAHit() {
        MatchFilter oppose = new MatchFilter(Set.of(), Stance.OPPOSE, null);
        Sentence opposesSanctions = sentence("We oppose unilateral sanctions.", Stance.OPPOSE, "peace-conflict");
        Sentence mentionsSanctions = sentence("The council discussed sanctions on Monday.", Stance.NEUTRAL,
                "peace-conflict");
        Sentence opposesSomethingElse = sentence("We oppose the militarization of the Arctic.", Stance.OPPOSE,
                "peace-conflict");

        Optional<List<MatchedPassage>> fired = match("sanction*", oppose, opposesSanctions);
        assertTrue(fired.isPresent());
        assertEquals(Stance.OPPOSE, fired.get().get(0).stance());
        assertFalse(match("sanction*", oppose, mentionsSanctions, opposesSomethingElse).isPresent());
    }

    @Test
    void aDomainFilterNeedsOneOfItsDomainsInASentenceThatHoldsAHit() {
        MatchFilter space = new MatchFilter(Set.of("outer-space", "cyber"), null, null);
        Sentence spaceRace = sentence("An arms race would harm everyone.", Stance.NEUTRAL, "outer-space");
        Sentence nuclearRace = sentence("A nuclear arms race looms.", Stance.NEUTRAL, "nuclear");

        assertTrue(match("\"arms race\"", space, spaceRace).isPresent());
        assertFalse(match("\"arms race\"", space, nuclearRace, SPACE).isPresent());
    }

    @Test
    void onlyTheSentencesThatSatisfyTheFilterArePassages() {
        MatchFilter support = new MatchFilter(Set.of(), Stance.SUPPORT, null);

        List<MatchedPassage> passages = match("space", support, SPACE, TREATY).orElseThrow();

        assertEquals(1, passages.size());
        assertEquals(1, passages.get(0).sentenceIndex());
    }

    @Test
    void minScoreNeedsAFilterDomainToReachItAtDocumentLevel() {
        MatchFilter strongSpace = new MatchFilter(Set.of("outer-space"), null, 0.6);
        MatchFilter anyStrongDomain = new MatchFilter(Set.of(), null, 0.6);

        assertTrue(match("space", strongSpace, Map.of("outer-space", 0.7), SPACE).isPresent());
        assertFalse(match("space", strongSpace, Map.of("outer-space", 0.5, "cyber", 0.9), SPACE).isPresent());
        assertTrue(match("space", anyStrongDomain, Map.of("outer-space", 0.7), SPACE).isPresent());
        assertFalse(match("space", anyStrongDomain, Map.of("outer-space", 0.7, "nuclear", 0.1),
                sentence("Space is vast.", Stance.NEUTRAL, "nuclear")).isPresent());
    }

    @Test
    void passagesCarryTheSentenceWithEachHitMarked() {
        MatchedPassage passage = match("\"outer space\" OR weaponi*", MatchFilter.NONE, CHEMICAL, SPACE)
                .orElseThrow().get(0);

        assertEquals(1, passage.sentenceIndex());
        assertEquals(SPACE.text(), passage.text());
        assertEquals("We oppose the <mark>weaponization</mark> of <mark>outer space</mark> by any country.",
                passage.highlighted());
        assertEquals(List.of("outer-space"), passage.domains());
        assertEquals(Stance.OPPOSE, passage.stance());
        assertEquals(SPACE.text().length(), passage.end() - passage.start());
    }

    @Test
    void highlightingEscapesTheDocumentsOwnMarkup() {
        MatchedPassage passage = match("script", MatchFilter.NONE,
                sentence("Beware <b>script</b> & co.", Stance.NEUTRAL)).orElseThrow().get(0);

        assertEquals("Beware &lt;b&gt;<mark>script</mark>&lt;/b&gt; &amp; co.", passage.highlighted());
    }

    @Test
    void aQueryThatDoesNotParseSaysWhere() {
        InvalidQueryException unbalanced = assertThrows(InvalidQueryException.class,
                () -> QueryCompiler.compile("space AND (treaty"));
        assertTrue(unbalanced.getMessage().contains("column"), unbalanced.getMessage());
        assertThrows(InvalidQueryException.class, () -> QueryCompiler.compile("\"chemical weapon*"));
        assertThrows(InvalidQueryException.class, () -> QueryCompiler.compile("  "));
    }
}
