package io.policywatch.classify;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of classify-service, under {@code policywatch.classify}. */
@ConfigMapping(prefix = "policywatch.classify")
public interface ClassifyConfig {

    /**
     * A taxonomy JSON file to use instead of the bundled {@code taxonomy/taxonomy.json}: operators add or change
     * domains and cues there without a rebuild.
     */
    Optional<String> taxonomyFile();

    /**
     * A gazetteer JSON file to use instead of the bundled {@code entities/gazetteer.json}: operators add states,
     * organizations or names there without a rebuild.
     */
    Optional<String> gazetteerFile();
}
