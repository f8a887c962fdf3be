package io.policywatch.classify.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.classify.DataFiles;

/**
 * The domains and stances sentences are labelled with, and the cue lexicons the classifier reads them by. It is
 * data (a JSON file), so an operator adds a domain by editing the file; {@code cueSyntax} in the bundled file
 * explains how cues match.
 *
 * @param version written into every classification as {@code taxonomyVersion}
 * @param thresholds the cue weight a sentence needs for a domain, and the score a document needs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Taxonomy(
        String version,
        Thresholds thresholds,
        List<Domain> domains,
        List<StanceDefinition> stances,
        StanceLexicon stanceLexicon) {

    public static final String BUNDLED_RESOURCE = "taxonomy/taxonomy.json";

    private static final Pattern DOMAIN_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> STANCE_IDS = Set.of("support", "oppose", "neutral");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thresholds(double sentence, double document) {
    }

    /**
     * A domain, the weighted cue terms that signal it, and a few typical sentences ({@code examples}, optional) that
     * the sentence-embedding model compares sentences with, beside the description.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Domain(String id, String label, String description, List<String> examples,
            Map<String, Double> cues) {
        public Domain {
            examples = examples == null ? List.of() : List.copyOf(examples);
        }

        /** What the domain is about in words: the description and the examples. */
        public List<String> prototypes() {
            List<String> prototypes = new ArrayList<>();
            if (description != null && !description.isBlank()) {
                prototypes.add(description);
            }
            prototypes.addAll(examples);
            return prototypes;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StanceDefinition(String id, String label, String description) {
    }

    /**
     * Cues of the author's position. {@code negations} flip a cue they precede; {@code hedges} lower the
     * confidence.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StanceLexicon(
            Map<String, Double> support,
            Map<String, Double> oppose,
            Map<String, Double> neutral,
            List<String> negations,
            List<String> hedges) {
    }

    /** The taxonomy shipped with the service. */
    public static Taxonomy bundled() {
        return DataFiles.bundled(BUNDLED_RESOURCE, "taxonomy", Taxonomy::parse);
    }

    /** A taxonomy from a file an operator maintains. */
    public static Taxonomy load(Path file) {
        return DataFiles.load(file, "taxonomy", Taxonomy::parse);
    }

    private static Taxonomy parse(InputStream in, String origin) throws IOException {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        Taxonomy taxonomy = mapper.readValue(in, Taxonomy.class);
        taxonomy.validate(origin);
        return taxonomy;
    }

    /** Refuses a file the classifier could not work from, naming what is wrong, so a bad edit fails at start-up. */
    private void validate(String origin) {
        require(version != null && !version.isBlank(), origin, "no version");
        require(thresholds != null && thresholds.sentence() > 0 && thresholds.document() >= 0
                && thresholds.document() <= 1, origin, "thresholds.sentence must be > 0 and thresholds.document in [0, 1]");
        require(domains != null && !domains.isEmpty(), origin, "no domains");
        Set<String> ids = new HashSet<>();
        for (Domain domain : domains) {
            require(domain.id() != null && DOMAIN_ID.matcher(domain.id()).matches(), origin,
                    "domain id '" + domain.id() + "' is not lower-case words joined by '-'");
            require(ids.add(domain.id()), origin, "domain '" + domain.id() + "' is defined twice");
            require(domain.cues() != null && !domain.cues().isEmpty(), origin,
                    "domain '" + domain.id() + "' has no cues");
            domain.cues().forEach((cue, weight) -> require(weight != null && weight > 0, origin,
                    "cue '" + cue + "' of domain '" + domain.id() + "' needs a positive weight"));
        }
        require(stances != null && stances.stream().map(StanceDefinition::id).toList().containsAll(STANCE_IDS)
                && stances.size() == STANCE_IDS.size(), origin, "stances must be exactly support, oppose and neutral");
        require(stanceLexicon != null && stanceLexicon.support() != null && stanceLexicon.oppose() != null
                && stanceLexicon.neutral() != null && stanceLexicon.negations() != null
                && stanceLexicon.hedges() != null, origin,
                "stanceLexicon needs support, oppose, neutral, negations and hedges");
    }

    private static void require(boolean condition, String origin, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("invalid taxonomy " + origin + ": " + problem);
        }
    }
}
