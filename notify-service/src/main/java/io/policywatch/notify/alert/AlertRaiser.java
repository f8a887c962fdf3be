package io.policywatch.notify.alert;

import java.time.Duration;
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
import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.EventTypes;
import io.policywatch.events.Subscription;
import io.policywatch.notify.Channels;
import io.policywatch.notify.IncomingRecords;
import io.policywatch.notify.NotifyConfig;
import io.policywatch.notify.matching.MatchableDocument;
import io.policywatch.notify.subscription.ActiveSubscription;
import io.policywatch.notify.subscription.SubscriptionStore;
import io.policywatch.support.messaging.CloudEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Matches each classified document against every subscription and publishes an alert per new match. The offset is
 * committed only after the alerts are acknowledged; a document that cannot be processed goes to the dead-letter
 * topic.
 * <p>
 * This first version runs every subscription's query against the document: its cost grows with the number of
 * subscriptions. Indexing the queries themselves (lucene-monitor) is the planned next step.
 */
@ApplicationScoped
public class AlertRaiser {

    private static final Logger LOG = Logger.getLogger(AlertRaiser.class);
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(30);

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
        MatchableDocument matchable = MatchableDocument.of(document.document().text(), document.classification());
        int raised = 0;
        for (ActiveSubscription active : subscriptions.active()) {
            Subscription subscription = active.subscription();
            String alertId = AlertRaised.idFor(subscription.id(), document.id());
            if (subscription.paused() || alerts.isRaised(alertId)) {
                continue;
            }
            Optional<List<MatchedPassage>> passages = match(active, matchable, document.id());
            if (passages.isPresent()) {
                publish(new AlertRaised(alertId, subscription.id(), subscription.name(), document.id(),
                        document.document().title(), documentUrl(document.id()),
                        Instant.now(), passages.get()));
                raised++;
            }
        }
        metrics.counter("policywatch.notify.documents.matched").increment();
        metrics.counter("policywatch.notify.alerts.raised").increment(raised);
        LOG.infof("Document %s matched against %d subscriptions: %d new alerts", document.id(),
                subscriptions.active().size(), raised);
    }

    /** One subscription's failure (a query too costly for this text, say) must not cost the others their alert. */
    private Optional<List<MatchedPassage>> match(ActiveSubscription active, MatchableDocument document,
            String documentId) {
        try {
            return document.match(active.query(), active.filter());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Subscription %s could not be matched against document %s", active.subscription().id(),
                    documentId);
            return Optional.empty();
        }
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
        while (!subscriptions.awaitLoaded(WAIT_REPORT_INTERVAL) || !alerts.awaitLoaded(WAIT_REPORT_INTERVAL)) {
            LOG.warn("Still reading subscriptions and alerts from Kafka; matching waits");
        }
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
