package io.policywatch.classify.classification;

import java.util.List;

/** Rules shared by the domain and stance readers for cue hits that overlap. */
final class Hits {

    /**
     * Drops hits that lie inside a longer hit: the longer phrase says what the words mean ("Cold War mentality"
     * is not a war, "information space" is not outer space). Linear in tokens and hits, as texts can be long.
     */
    static List<CueSet.Hit> longestOnly(List<CueSet.Hit> hits, int tokenCount) {
        int[] furthestEndFrom = new int[tokenCount + 1];
        for (CueSet.Hit hit : hits) {
            furthestEndFrom[hit.start()] = Math.max(furthestEndFrom[hit.start()], hit.end());
        }
        int[] furthestEndBefore = new int[tokenCount + 1];
        for (int i = 1; i <= tokenCount; i++) {
            furthestEndBefore[i] = Math.max(furthestEndBefore[i - 1], furthestEndFrom[i - 1]);
        }
        return hits.stream()
                .filter(hit -> furthestEndBefore[hit.start()] < hit.end()
                        && furthestEndFrom[hit.start()] <= hit.end())
                .toList();
    }

    private Hits() {
    }
}
