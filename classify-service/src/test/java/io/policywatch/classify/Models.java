package io.policywatch.classify;

import io.policywatch.classify.classification.Classifier;
import io.policywatch.classify.classification.DomainModel;
import io.policywatch.classify.classification.LabelledSentence;
import io.policywatch.classify.classification.SentenceEmbedder;
import io.policywatch.classify.taxonomy.Taxonomy;

/** The embedding model loads once per test JVM (about two seconds); classifiers are trained from it. */
public final class Models {

    public static final SentenceEmbedder EMBEDDER = new SentenceEmbedder();

    private static Classifier bundled;

    /** The classifier the service runs: bundled taxonomy, trained on all bundled labelled sentences. */
    public static synchronized Classifier bundledClassifier() {
        if (bundled == null) {
            bundled = classifier(Taxonomy.bundled());
        }
        return bundled;
    }

    /** A classifier of the given taxonomy, trained on all bundled labelled sentences. */
    public static Classifier classifier(Taxonomy taxonomy) {
        return new Classifier(DomainModel.train(taxonomy, EMBEDDER, LabelledSentence.bundled()));
    }

    private Models() {
    }
}
