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

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.classify.DataFiles;
import io.policywatch.events.Stance;

/**
 * A hand-labelled sentence of a document: the domains and stance an analyst gave it. The bundled ones (the 252
 * sentences of the four seed documents) are what the domain model learns from.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabelledSentence(@JsonProperty("doc") String document, String text, Set<String> domains,
        Stance stance) {

    public static final String BUNDLED_RESOURCE = "training/labelled-sentences.jsonl";

    public LabelledSentence {
        domains = domains == null ? Set.of() : Set.copyOf(domains);
    }

    /** The bundled labelled sentences, in file order. */
    public static List<LabelledSentence> bundled() {
        return DataFiles.bundled(BUNDLED_RESOURCE, "labelled sentences", LabelledSentence::read);
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
