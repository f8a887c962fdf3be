package io.policywatch.classify.taxonomy;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.policywatch.classify.ClassifyConfig;
import io.quarkus.runtime.Startup;

/** Loads the taxonomy once at start-up: the operator's file when one is configured, else the bundled one. */
public class TaxonomyProducer {

    private static final Logger LOG = Logger.getLogger(TaxonomyProducer.class);

    @Produces
    @Singleton
    @Startup // a bad operator file stops start-up with its reason, not the first document
    Taxonomy taxonomy(ClassifyConfig config) {
        Taxonomy taxonomy = config.taxonomyFile().map(Path::of).map(Taxonomy::load).orElseGet(Taxonomy::bundled);
        LOG.infof("Taxonomy version %s with %d domains from %s", taxonomy.version(), taxonomy.domains().size(),
                config.taxonomyFile().orElse("the bundled " + Taxonomy.BUNDLED_RESOURCE));
        return taxonomy;
    }
}
