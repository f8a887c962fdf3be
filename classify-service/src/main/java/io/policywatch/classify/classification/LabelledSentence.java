package io.policywatch.classify.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.classify.DataFiles;
import io.policywatch.events.Stance;

/**
 * A hand-labelled sentence of a document: the domains and stance an analyst gave it, and where the label comes from.
 * The bundled ones are what the domain model learns from: the 252 sentences of the four seed documents (source
 * {@value #SEED_SOURCE}) and 472 sentences of twelve policy texts of other issuers (source {@value #CORPUS_SOURCE}),
 * labelled from the taxonomy's definitions.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabelledSentence(@JsonProperty("doc") String document, String text, Set<String> domains, Stance stance,
        String source) {

    /** The seed documents' labels, as shared/data/dev-labels.jsonl gives them (its lines name no source). */
    public static final String SEED_RESOURCE = "training/labelled-sentences.jsonl";
    public static final String SEED_SOURCE = "seed";
    /** Sentences of the unlabelled corpus texts (shared/corpus), labelled for this module. */
    public static final String CORPUS_RESOURCE = "training/corpus-sentences.jsonl";
    public static final String CORPUS_SOURCE = "corpus";

    public LabelledSentence {
        domains = domains == null ? Set.of() : Set.copyOf(domains);
        source = source == null ? SEED_SOURCE : source;
    }

    /** All bundled labelled sentences: the seeds', then the corpus texts', each in file order. */
    public static List<LabelledSentence> bundled() {
        return Stream.concat(seeds().stream(), corpus().stream()).toList();
    }

    /** The labelled sentences of the four seed documents. */
    public static List<LabelledSentence> seeds() {
        return DataFiles.bundled(SEED_RESOURCE, "labelled sentences", LabelledSentence::read);
    }

    /** The labelled sentences of the corpus texts. */
    public static List<LabelledSentence> corpus() {
        return DataFiles.bundled(CORPUS_RESOURCE, "labelled sentences", LabelledSentence::read);
    }

    /** One JSON object a line; blank lines are skipped. */
    static List<LabelledSentence> read(InputStream in, String origin) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<LabelledSentence> sentences = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                sentences.add(mapper.readValue(line, LabelledSentence.class));
            } catch (IOException e) {
                throw new UncheckedIOException("line " + lineNumber + " of " + origin + " is not a labelled sentence", e);
            }
        }
        return sentences;
    }
}
