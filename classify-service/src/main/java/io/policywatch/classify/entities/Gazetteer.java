package io.policywatch.classify.entities;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.classify.DataFiles;

/**
 * The states and international organizations the service recognises, and the words that show who speaks. It is data
 * (a JSON file, like the taxonomy): {@code matchSyntax} and {@code issuerSyntax} in the bundled file explain how it
 * is read.
 *
 * @param version written next to the entities found, so a change of the file can be told apart
 * @param notEntities names that contain an entity's name without being it ("Latin America")
 * @param capitalWords acronyms that are also ordinary words in capitals ("US", "WHO")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gazetteer(
        String version,
        IssuerCues issuer,
        List<String> notEntities,
        List<String> capitalWords,
        List<Entity> entities) {

    public static final String BUNDLED_RESOURCE = "entities/gazetteer.json";

    private static final Set<String> TYPES = Set.of("state", "organization");

    /** A state or an organization and every name it goes by besides {@code name}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entity(String id, String type, String name, List<String> aliases) {
    }

    /** The word lists the issuer rule reads a sentence's opening with (lower case). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IssuerCues(
            Set<String> leadIns,
            Set<String> titleWords,
            Set<String> auxiliaries,
            Set<String> speechVerbs,
            Set<String> statementNouns) {
    }

    /** The gazetteer shipped with the service. */
    public static Gazetteer bundled() {
        return DataFiles.bundled(BUNDLED_RESOURCE, "gazetteer", Gazetteer::parse);
    }

    /** A gazetteer from a file an operator maintains. */
    public static Gazetteer load(Path file) {
        return DataFiles.load(file, "gazetteer", Gazetteer::parse);
    }

    private static Gazetteer parse(InputStream in, String origin) throws IOException {
        Gazetteer gazetteer = new ObjectMapper().readValue(in, Gazetteer.class);
        gazetteer.validate(origin);
        return gazetteer;
    }

    /** Refuses a file the finder could not work from, naming what is wrong, so a bad edit fails at start-up. */
    private void validate(String origin) {
        require(version != null && !version.isBlank(), origin, "no version");
        require(issuer != null && issuer.leadIns() != null && issuer.titleWords() != null
                && issuer.auxiliaries() != null && issuer.speechVerbs() != null && issuer.statementNouns() != null,
                origin, "issuer needs leadIns, titleWords, auxiliaries, speechVerbs and statementNouns");
        require(notEntities != null && capitalWords != null, origin, "notEntities and capitalWords are required");
        require(entities != null && !entities.isEmpty(), origin, "no entities");
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Entity entity : entities) {
            require(entity.id() != null && !entity.id().isBlank(), origin, "an entity has no id");
            require(ids.add(entity.id()), origin, "entity '" + entity.id() + "' is defined twice");
            require(entity.type() != null && TYPES.contains(entity.type()), origin,
                    "entity '" + entity.id() + "' needs a type of " + TYPES);
            require(entity.name() != null && !entity.name().isBlank(), origin,
                    "entity '" + entity.id() + "' has no name");
            for (String name : EntityFinder.namesOf(entity)) {
                require(!EntityFinder.words(name).isEmpty(), origin,
                        "entity '" + entity.id() + "' has a name without letters");
                require(names.add(String.join(" ", EntityFinder.words(name))), origin,
                        "the name '" + name + "' of entity '" + entity.id() + "' is also another entity's");
            }
        }
    }

    private static void require(boolean condition, String origin, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("invalid gazetteer " + origin + ": " + problem);
        }
    }
}
