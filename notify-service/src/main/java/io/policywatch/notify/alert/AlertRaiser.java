package io.policywatch.notify.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.policywatch.events.AlertRaised;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Subscription;
import io.policywatch.notify.Channels;
import io.policywatch.notify.IncomingRecords;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.matching.StoredQueryIndex;
import io.policywatch.notify.state.TopicBackedStore;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.policywatch.support.messaging.CloudEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Matches each classified document against the subscriptions and publishes an alert per new match. The offset is
 * committed only after the alerts are acknowledged; a document that cannot be processed goes to the dead-letter
 * topic. The subscriptions' queries are indexed (StoredQueryIndex): a document's cost grows with the subscriptions
 * it could fire, not with all of them.
 */
@ApplicationScoped
public class AlertRaiser {

    private static final Logger LOG = Logger.getLogger(AlertRaiser.class);

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    AlertStore alerts;

    @Inject
    NotifyConfig config;

    @Inject
    @Channel(Channels.ALERTS_OUT)
    MutinyEmitter<AlertRaised> emitter;

    @Inject
    MeterRegistry metrics;

    @Incoming(Channels.DOCUMENTS_IN)
    @Blocking
    public void onDocument(ConsumerRecord<String, DocumentClassified> record) throws InterruptedException {
        DocumentClassified document = IncomingRecords.requireValue(record, "a classified document");
        requireWellFormed(document);
        awaitState();
        List<StoredQueryIndex.Fired> fired = subscriptions.match(document.document().text(),
                document.classification(), id -> !alerts.isRaised(AlertRaised.idFor(id, document.id())));
        int raised = 0;
        for (StoredQueryIndex.Fired match : fired) {
            Optional<Subscription> subscription = subscriptions.find(match.id());
            // Deleted or paused while the document was matched: as if the change had come first.
            if (subscription.isEmpty() || subscription.get().paused()) {
                continue;
            }
            publish(new AlertRaised(AlertRaised.idFor(subscription.get().id(), document.id()), subscription.get().id(),
                    subscription.get().name(), document.id(), document.document().title(), documentUrl(document.id()),
                    Instant.now(), match.passages()));
            raised++;
        }
        metrics.counter("policywatch.notify.documents.matched").increment();
        metrics.counter("policywatch.notify.alerts.raised").increment(raised);
        LOG.infof("Document %s matched against %d subscriptions: %d new alerts", document.id(),
                subscriptions.size(), raised);
    }

    private void publish(AlertRaised alert) {
        emitter.sendMessage(CloudEvents.message(alert, alert.subscriptionId(), alert.id(), EventTypes.ALERT_RAISED,
                Channels.EVENT_SOURCE)).await().atMost(config.publishTimeout());
        alerts.remember(alert);
        LOG.infof("Alert %s raised: subscription %s matched document %s in %d passages", alert.id(),
                alert.subscriptionId(), alert.documentId(), alert.passages().size());
    }

    private String documentUrl(String documentId) {
        String base = config.ingestUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/documents/" + documentId;
    }

    /** Matching before both views are loaded would miss subscriptions or alert twice. */
    private void awaitState() throws InterruptedException {
        TopicBackedStore.awaitAllLoaded("matching", subscriptions, alerts);
    }

    private static void requireWellFormed(DocumentClassified document) {
        if (document.document() == null || document.classification() == null) {
            throw new IllegalArgumentException("not a classified document (document or classification missing)");
        }
        if (document.id() == null || document.document().text() == null) {
            throw new IllegalArgumentException("the document has no id or no text");
        }
    }
}
