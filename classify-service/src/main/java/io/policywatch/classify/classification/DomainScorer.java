package io.policywatch.classify.classification;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.policywatch.classify.taxonomy.Taxonomy;
import io.policywatch.classify.text.Token;

/**
 * Scores a sentence against every domain by the taxonomy's cues: the sum of the weights of the domain's distinct
 * cues it contains. A cue counts once per sentence, so repeating a word does not make a sentence more about a
 * domain.
 */
final class DomainScorer {

    private final CueSet cues;
    private final double threshold;

    DomainScorer(Taxonomy taxonomy) {
        Map<String, Map<String, Double>> cuesByDomain = new LinkedHashMap<>();
        taxonomy.domains().forEach(domain -> cuesByDomain.put(domain.id(), domain.cues()));
        this.cues = new CueSet(cuesByDomain);
        this.threshold = taxonomy.thresholds().sentence();
    }

    /** For each domain with a cue in the sentence, the sum of the weights of its distinct cues. */
    Map<String, Double> sums(List<Token> tokens) {
        Map<String, Set<String>> countedCues = new HashMap<>();
        Map<String, Double> sums = new HashMap<>();
        for (CueSet.Hit hit : Hits.longestOnly(cues.find(tokens), tokens.size())) {
            String domain = hit.cue().label();
            if (countedCues.computeIfAbsent(domain, d -> new HashSet<>()).add(hit.cue().text())) {
                sums.merge(domain, hit.cue().weight(), Double::sum);
            }
        }
        return sums;
    }

    double threshold() {
        return threshold;
    }
}
