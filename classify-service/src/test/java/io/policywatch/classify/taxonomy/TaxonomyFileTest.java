package io.policywatch.classify.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.policywatch.classify.Models;
import io.policywatch.classify.classification.Classifier;

class TaxonomyFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void theBundledTaxonomyHasTheFourteenDomainsOfVersionOne() {
        Taxonomy taxonomy = Taxonomy.bundled();

        assertEquals("1", taxonomy.version());
        assertEquals(14, taxonomy.domains().size());
        assertEquals(3, taxonomy.stances().size());
    }

    @Test
    void aDomainAddedToTheFileIsUsedByTheClassifier() throws IOException {
        ObjectNode edited = bundledJson();
        edited.put("version", "1-arctic");
        ObjectNode arctic = ((ArrayNode) edited.get("domains")).addObject();
        arctic.put("id", "arctic").put("label", "Arctic").put("description", "The Arctic and polar regions.");
        arctic.putObject("cues").put("arctic", 1.5).put("polar", 1.0);
        Path file = directory.resolve("taxonomy.json");
        MAPPER.writeValue(file.toFile(), edited);

        Classifier classifier = Models.classifier(Taxonomy.load(file));

        assertTrue(classifier.label("We call for restraint in the Arctic and on the polar sea routes.").domains()
                .containsKey("arctic"));
        assertEquals("1-arctic", classifier.classify("The Arctic matters.", "en").taxonomyVersion());
        assertFalse(Models.bundledClassifier().label("We call for restraint in the Arctic.").domains()
                .containsKey("arctic"));
    }

    @Test
    void aFileWithADomainWithoutCuesIsRefusedWithTheReason() throws IOException {
        ObjectNode edited = bundledJson();
        ((ArrayNode) edited.get("domains")).addObject().put("id", "arctic").put("label", "Arctic").putObject("cues");
        Path file = directory.resolve("taxonomy.json");
        MAPPER.writeValue(file.toFile(), edited);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Taxonomy.load(file));

        assertTrue(refused.getMessage().contains("domain 'arctic' has no cues"), refused::getMessage);
    }

    @Test
    void aCuePrefixTooShortToMeanAnythingIsRefused() throws IOException {
        ObjectNode edited = bundledJson();
        ((ObjectNode) edited.get("domains").get(0).get("cues")).put("sp*", 1.0);
        Path file = directory.resolve("taxonomy.json");
        Files.writeString(file, MAPPER.writeValueAsString(edited));

        Taxonomy taxonomy = Taxonomy.load(file);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Models.classifier(taxonomy));

        assertTrue(refused.getMessage().contains("'sp*'"), refused::getMessage);
    }

    private static ObjectNode bundledJson() throws IOException {
        try (InputStream in = TaxonomyFileTest.class.getClassLoader().getResourceAsStream(Taxonomy.BUNDLED_RESOURCE)) {
            return (ObjectNode) MAPPER.readTree(in);
        }
    }
}
