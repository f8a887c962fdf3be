package io.policywatch.classify.classification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.policywatch.classify.entities.EntityFinder;
import io.policywatch.classify.taxonomy.Taxonomy;

/** The classifier is a plain class (unit tests build it directly); this makes it a bean. */
public class ClassifierProducer {

    @Produces
    @Singleton
    Classifier classifier(Taxonomy taxonomy, EntityFinder entityFinder) {
        return new Classifier(taxonomy, entityFinder);
    }
}
