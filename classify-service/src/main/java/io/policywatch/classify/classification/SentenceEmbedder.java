package io.policywatch.classify.classification;

import java.util.Arrays;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized, ONNX), run in process: the model ships inside its Maven
 * jar, nothing is downloaded. Vectors are unit length, so a dot product is the cosine similarity. Thread-safe.
 */
public final class SentenceEmbedder {

    /**
     * Words beyond these add cost (the model's time grows with the length) and seldom change what a sentence is
     * about: a sentence's topic is in its first clauses, and longer ones are mostly enumerations.
     */
    static final int MAX_WORDS = 64;

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    public float[] embed(String sentence) {
        String[] words = sentence.strip().split("\\s+");
        String text = words.length <= MAX_WORDS ? sentence : String.join(" ", Arrays.copyOf(words, MAX_WORDS));
        return unit(model.embed(text).content().vector());
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(cosine(vector, vector));
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= norm;
            }
        }
        return vector;
    }
}
