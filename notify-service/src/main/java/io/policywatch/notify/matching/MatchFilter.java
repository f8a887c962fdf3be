package io.policywatch.notify.matching;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.policywatch.events.Classification;
import io.policywatch.events.Stance;
import io.policywatch.events.Subscription;

/**
 * The optional conditions a subscription puts on the sentences that hold its hits.
 *
 * @param domains if not empty, a hit sentence must carry one of them
 * @param stance if not null, a hit sentence must carry it
 * @param minScore if not null, the sentence's qualifying domain must reach this document-level score
 */
public record MatchFilter(Set<String> domains, Stance stance, Double minScore) {

    public static final MatchFilter NONE = new MatchFilter(Set.of(), null, null);

    public MatchFilter {
        domains = domains == null ? Set.of() : Set.copyOf(domains);
    }

    public static MatchFilter of(Subscription subscription) {
        List<String> domains = subscription.domains();
        return new MatchFilter(domains == null ? Set.of() : Set.copyOf(domains), subscription.stance(),
                subscription.minScore());
    }

    boolean isEmpty() {
        return domains.isEmpty() && stance == null && minScore == null;
    }

    /**
     * The domains a hit sentence may carry to qualify, for this document: the filter's domains (every domain when
     * it names none) that reach {@link #minScore()}. Null when any domain, or none, will do.
     */
    Set<String> qualifyingDomains(Classification classification) {
        if (minScore == null) {
            return domains.isEmpty() ? null : domains;
        }
        return classification.domains().stream()
                .filter(score -> score.score() >= minScore)
                .map(Classification.DomainScore::domain)
                .filter(domain -> domains.isEmpty() || domains.contains(domain))
                .collect(Collectors.toUnmodifiableSet());
    }
}
