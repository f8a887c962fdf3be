package io.policywatch.classify.entities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.policywatch.classify.Corpus;
import io.policywatch.classify.Seeds;
import io.policywatch.events.Classification.EntityMention;

class EntityFinderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EntityFinder FINDER = new EntityFinder(Gazetteer.bundled());

    @TempDir
    Path directory;

    @Test
    void theBundledGazetteerHoldsEveryUnMemberStateAndTheMainOrganizations() {
        Gazetteer gazetteer = Gazetteer.bundled();

        assertEquals(193, gazetteer.entities().stream().filter(entity -> entity.type().equals("state")).count());
        List<String> ids = gazetteer.entities().stream().map(Gazetteer.Entity::id).toList();
        assertTrue(ids.containsAll(List.of("UN", "SCO", "BRICS", "ASEAN", "NATO", "G7", "G20", "EU", "AU", "OSCE",
                "IAEA", "OPCW", "WHO")), ids::toString);
    }

    @Test
    void aliasesAcronymsAndDemonymsNameTheSameState() {
        Map<String, Integer> mentions = mentions(FINDER.find("The U.S. and the United States of America met the "
                + "Chinese delegation. The Russian Federation, Russia and the PRC abstained."));

        assertEquals(Map.of("USA", 2, "CHN", 2, "RUS", 2), mentions);
    }

    @Test
    void theLongestNameWinsOverTheNamesInsideIt() {
        Map<String, Integer> mentions = mentions(FINDER.find("Papua New Guinea, Guinea-Bissau and the Democratic "
                + "People's Republic of Korea spoke; so did South Sudan."));

        assertEquals(Map.of("PNG", 1, "GNB", 1, "PRK", 1, "SSD", 1), mentions);
    }

    @Test
    void wordsThatOnlyLookLikeNamesNameNobody() {
        Map<String, Integer> mentions = mentions(FINDER.find("WHO WE ARE\n\nLET US ACT NOW\n\nLatin American states "
                + "asked who would help us. The turkey was served in the Indian Ocean."));

        assertEquals(Map.of(), mentions);
    }

    @Test
    void anAcronymAmongOrdinaryWordsIsTheEntity() {
        Map<String, Integer> mentions = mentions(FINDER.find("The WHO and the US discussed the pandemic with the AU."));

        assertEquals(Map.of("WHO", 1, "USA", 1, "AU", 1), mentions);
    }

    @Test
    void aStateThatProposesIsTheIssuer() {
        Entities found = FINDER.find("China proposes that the UN should play a pivotal role in global governance. "
                + "The Russian Federation's attempt to annex territory was condemned by 143 nations.");

        assertEquals(List.of("CHN"), found.issuers());
        assertEquals(Map.of("CHN", 1, "UN", 1, "RUS", 1), mentions(found));
    }

    @Test
    void aMentionThatDoesNotSpeakMakesNoIssuer() {
        Entities found = FINDER.find("The Russian Federation's attempt to annex territory was condemned. "
                + "Under the Charter of the United Nations, all states shall refrain from the threat of force.");

        assertEquals(List.of(), found.issuers());
    }

    @Test
    void theMemberStatesOfTheScoIssueTheirDeclaration() {
        Entities found = FINDER.find(Seeds.read(Seeds.SCO_INFORMATION_SECURITY));

        assertEquals(List.of("SCO"), found.issuers());
        assertEquals("SCO", found.entities().get(0).id());
        assertTrue(mentions(found).containsKey("UN"));
    }

    @Test
    void theGeneralAssemblyOpeningAResolutionIsItsIssuer() {
        Entities found = FINDER.find(Seeds.read(Seeds.UN_ICT_DRAFT_RESOLUTION));

        assertEquals(List.of("UNGA"), found.issuers());
        assertTrue(mentions(found).keySet().containsAll(List.of("AZE", "CHN", "PRK", "RUS", "VEN", "ZWE")),
                () -> mentions(found).toString());
    }

    @Test
    void everyPartyToAJointStatementIsAnIssuer() {
        assertEquals(List.of("ASEAN", "USA"), FINDER.find(Corpus.read(Corpus.ASEAN_US_PARTNERSHIP)).issuers());
        assertEquals(List.of("G7"), FINDER.find(Corpus.read(Corpus.G7_HIROSHIMA_VISION)).issuers());
        assertEquals(List.of("USA"), FINDER.find(Corpus.read(Corpus.US_ALLIES_PRC_CYBER)).issuers());
    }

    @Test
    void anEntityAddedToTheFileIsFound() throws IOException {
        ObjectNode edited = bundledJson();
        edited.put("version", "1-arctic");
        ((ArrayNode) edited.get("entities")).addObject().put("id", "ARCTIC-COUNCIL").put("type", "organization")
                .put("name", "Arctic Council");
        Path file = directory.resolve("gazetteer.json");
        MAPPER.writeValue(file.toFile(), edited);

        Entities found = new EntityFinder(Gazetteer.load(file)).find("The Arctic Council welcomes the report.");

        assertEquals("1-arctic", found.gazetteerVersion());
        assertEquals(List.of("ARCTIC-COUNCIL"), found.issuers());
        assertFalse(mentions(FINDER.find("The Arctic Council welcomes the report.")).containsKey("ARCTIC-COUNCIL"));
    }

    @Test
    void aFileGivingOneNameToTwoEntitiesIsRefusedWithTheReason() throws IOException {
        ObjectNode edited = bundledJson();
        ((ArrayNode) edited.get("entities")).addObject().put("id", "CONGO-BASIN").put("type", "organization")
                .put("name", "Congo");
        Path file = directory.resolve("gazetteer.json");
        MAPPER.writeValue(file.toFile(), edited);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Gazetteer.load(file));

        assertTrue(refused.getMessage().contains("the name 'Congo' of entity 'CONGO-BASIN' is also another entity's"),
                refused::getMessage);
    }

    private static Map<String, Integer> mentions(Entities found) {
        return found.entities().stream().collect(Collectors.toMap(EntityMention::id, EntityMention::mentions));
    }

    private static ObjectNode bundledJson() throws IOException {
        try (InputStream in = EntityFinderTest.class.getClassLoader()
                .getResourceAsStream(Gazetteer.BUNDLED_RESOURCE)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }
}
