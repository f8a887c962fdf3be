package io.policywatch.ingest.publishing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.policywatch.events.DocumentExtracted;
import io.policywatch.events.EventTypes;
import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.support.messaging.CloudEvents;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes accepted documents on documents.extracted and makes sure Kafka has them. */
@Singleton
public class DocumentPublisher {

    public static final String SOURCE = "/policywatch/ingest-service";
    private static final Logger LOG = Logger.getLogger(DocumentPublisher.class);

    private final MutinyEmitter<DocumentExtracted> emitter;
    private final IngestConfig config;

    @Inject
    public DocumentPublisher(@Channel(Channels.DOCUMENTS_EXTRACTED) MutinyEmitter<DocumentExtracted> emitter,
            IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Returns once the broker acknowledged the event (acks=all), so the document is durable.
     *
     * @throws io.policywatch.support.problem.ProblemException 503 when Kafka did not acknowledge in time
     */
    public void publish(DocumentExtracted document) {
        String id = document.id();
        try {
            emitter.sendMessage(CloudEvents.message(document, id, id, EventTypes.DOCUMENT_EXTRACTED, SOURCE))
                    .await().atMost(config.publishTimeout());
        } catch (TimeoutException e) {
            LOG.warnf("Kafka did not acknowledge document %s within %s", id, config.publishTimeout());
            throw UploadProblems
                    .notDurable("Kafka did not acknowledge it within " + config.publishTimeout().toSeconds() + " s");
        } catch (RuntimeException e) {
            LOG.warnf(e, "Kafka refused document %s", id);
            throw UploadProblems.notDurable("Kafka did not accept it: " + e.getMessage());
        }
    }
}
