package io.policywatch.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.policywatch.events.Classification;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.DocumentIds;
import io.policywatch.events.Stance;

/** Builds classified documents sentence by sentence, with the offsets classify-service would give. */
public final class TestDocuments {

    public record Sentence(String text, Stance stance, List<String> domains) {
    }

    public static Sentence sentence(String text, Stance stance, String... domains) {
        return new Sentence(text, stance, Arrays.asList(domains));
    }

    /** A document whose text is the sentences joined by a space; its id is the hash of that text. */
    public static DocumentClassified classified(String title, Map<String, Double> domainScores,
            Sentence... sentences) {
        StringBuilder text = new StringBuilder();
        List<Classification.SentenceLabel> labels = new ArrayList<>();
        for (Sentence sentence : sentences) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            int start = text.length();
            text.append(sentence.text());
            labels.add(new Classification.SentenceLabel(labels.size(), start, text.length(), sentence.text(),
                    sentence.domains(), sentence.stance(), 0.9));
        }
        List<Classification.DomainScore> domains = domainScores.entrySet().stream()
                .map(score -> new Classification.DomainScore(score.getKey(), score.getValue(),
                        new Classification.StanceCounts(0, 0, 0)))
                .toList();
        Classification classification = new Classification("test-classifier/1", "1", "en", true, domains, labels, null,
                List.of(), List.of());
        String body = text.toString();
        DocumentExtracted document = new DocumentExtracted(DocumentIds.of(body.getBytes(StandardCharsets.UTF_8)),
                title + ".txt", "text/plain", body.length(), title, null, "test", null, Instant.now(), null, null, "en",
                List.of(), null, body.length(), List.of(), body);
        return new DocumentClassified(document, classification);
    }

    private TestDocuments() {
    }
}
