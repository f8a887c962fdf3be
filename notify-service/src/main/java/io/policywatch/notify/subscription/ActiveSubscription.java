package io.policywatch.notify.subscription;

import org.apache.lucene.search.Query;

import io.policywatch.events.Subscription;
import io.policywatch.notify.matching.MatchFilter;

/** A subscription as the matcher needs it: its query parsed once, its filter ready. */
public record ActiveSubscription(Subscription subscription, Query query, MatchFilter filter) {
}
