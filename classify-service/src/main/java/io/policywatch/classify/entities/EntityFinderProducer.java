package io.policywatch.classify.entities;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.policywatch.classify.ClassifyConfig;
import io.quarkus.runtime.Startup;

/** Loads the gazetteer once at start-up (the operator's file when one is configured) and makes the finder a bean. */
public class EntityFinderProducer {

    private static final Logger LOG = Logger.getLogger(EntityFinderProducer.class);

    @Produces
    @Singleton
    @Startup // a bad operator file stops start-up with its reason, not the first document
    EntityFinder entityFinder(ClassifyConfig config) {
        Gazetteer gazetteer = config.gazetteerFile().map(Path::of).map(Gazetteer::load)
                .orElseGet(Gazetteer::bundled);
        LOG.infof("Gazetteer version %s with %d entities from %s", gazetteer.version(), gazetteer.entities().size(),
                config.gazetteerFile().orElse("the bundled " + Gazetteer.BUNDLED_RESOURCE));
        return new EntityFinder(gazetteer);
    }
}
