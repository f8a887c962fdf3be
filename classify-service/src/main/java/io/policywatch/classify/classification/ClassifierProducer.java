package io.policywatch.classify.classification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.policywatch.classify.entities.EntityFinder;
import io.policywatch.classify.taxonomy.Taxonomy;
import io.quarkus.runtime.Startup;

/**
 * The classifier is a plain class (unit tests build it directly); this makes it a bean. Its domain model is trained
 * at start-up on the bundled labelled sentences, a few seconds, so the first document does not wait for it.
 */
public class ClassifierProducer {

    private static final Logger LOG = Logger.getLogger(ClassifierProducer.class);

    @Produces
    @Singleton
    @Startup
    Classifier classifier(Taxonomy taxonomy, EntityFinder entityFinder) {
        long start = System.nanoTime();
        DomainModel domains = DomainModel.train(taxonomy, new SentenceEmbedder(), LabelledSentence.bundled());
        LOG.infof("Classifier %s ready in %d ms (domain model: %s)", Classifier.MODEL,
                (System.nanoTime() - start) / 1_000_000, domains.describe());
        return new Classifier(domains, entityFinder);
    }
}
