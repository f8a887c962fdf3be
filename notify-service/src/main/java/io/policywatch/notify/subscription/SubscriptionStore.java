package io.policywatch.notify.subscription;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.policywatch.events.Classification;
import io.policywatch.events.Subscription;
import io.policywatch.events.Topics;
import io.policywatch.notify.matching.InvalidQueryException;
import io.policywatch.notify.matching.MatchFilter;
import io.policywatch.notify.matching.StoredQueryIndex;
import io.policywatch.notify.state.TopicBackedStore;
import io.policywatch.support.problem.ProblemException;

/**
 * Every subscription, as the compacted subscriptions topic says: the latest record per id, a tombstone deletes.
 * Each instance reads the whole topic at start-up and then follows it, so a subscription created through any
 * instance is matched by all of them. The queries of the subscriptions that are not paused are kept in a
 * {@link StoredQueryIndex}, so that a document is matched only against the subscriptions it could fire.
 */
@Singleton
public class SubscriptionStore extends TopicBackedStore<Subscription> {

    private static final Logger LOG = Logger.getLogger(SubscriptionStore.class);

    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private final StoredQueryIndex queries = new StoredQueryIndex();

    @Inject
    public SubscriptionStore(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ObjectMapper mapper) {
        super(bootstrapServers, Topics.SUBSCRIPTIONS, value -> mapper.readValue(value, Subscription.class));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The subscription, or a 404 problem for the request that named it. */
    public Subscription require(String id) {
        return find(id).orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND,
                "there is no subscription " + id));
    }

    /** Every subscription, oldest first. */
    public List<Subscription> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(Subscription::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Subscription::id))
                .toList();
    }

    public int size() {
        return byId.size();
    }

    /**
     * The subscriptions (not paused) that fire on a document, with their passages.
     *
     * @param wanted which subscription ids to match at all
     * @return each subscription that fires, with its passages
     */
    public List<StoredQueryIndex.Fired> match(String text, Classification classification,
            Predicate<String> wanted) {
        return queries.match(text, classification, wanted);
    }

    @Override
    protected void apply(String id, Subscription subscription) {
        if (subscription == null) {
            queries.remove(id);
            byId.remove(id);
            return;
        }
        if (!id.equals(subscription.id())) {
            throw new IllegalArgumentException("the record's key is not the subscription's id " + subscription.id());
        }
        if (subscription.paused()) {
            queries.remove(id);
        } else {
            try {
                queries.put(id, subscription.query(), MatchFilter.of(subscription));
            } catch (InvalidQueryException e) {
                // Only a writer that bypassed the API's validation can get here; its record is skipped.
                throw new IllegalArgumentException("its query does not parse: " + e.getMessage(), e);
            }
        }
        byId.put(id, subscription);
        LOG.debugf("Subscription %s (%s) is %s", id, subscription.name(), subscription.paused() ? "paused" : "active");
    }
}
