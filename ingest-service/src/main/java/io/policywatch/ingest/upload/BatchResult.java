package io.policywatch.ingest.upload;

import java.util.List;

/** The answer to a batch upload (207 Multi-Status): one outcome per file and per archive entry, in order. */
public record BatchResult(int accepted, int refused, List<PartOutcome> results) {

    static BatchResult of(List<PartOutcome> results) {
        int refused = (int) results.stream().filter(result -> result.problem() != null).count();
        return new BatchResult(results.size() - refused, refused, List.copyOf(results));
    }
}
