package io.policywatch.notify.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * A store whose state is a topic read into memory ({@link MaterializedTopicView}): it starts reading when the
 * application starts, tells whether it has read the topic to its start-up end, and stops with the application.
 * Subclasses say how one record changes their state.
 */
public abstract class TopicBackedStore<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicBackedStore.class);
    private static final Duration LOAD_REPORT_INTERVAL = Duration.ofSeconds(30);

    private final String topic;
    private final MaterializedTopicView<V> view;

    protected TopicBackedStore(String bootstrapServers, String topic, MaterializedTopicView.Decoder<V> decoder) {
        this.topic = topic;
        // The view calls apply only once started, after the subclass is constructed.
        this.view = new MaterializedTopicView<>(bootstrapServers, topic, decoder, this::apply);
    }

    /** Applies one record of the topic; {@code value} is null for a tombstone. Throws on a record it refuses. */
    protected abstract void apply(String key, V value);

    public void onStart(@Observes StartupEvent event) {
        start();
    }

    public void start() {
        view.start();
    }

    @PreDestroy
    @Override
    public void close() {
        view.close();
    }

    public boolean loaded() {
        return view.loaded();
    }

    /** Blocks until the topic has been read to its start-up end; false when the timeout passed first. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return view.awaitLoaded(timeout);
    }

    /**
     * Blocks until every store has read its topic to its start-up end, logging every 30 s what still waits.
     *
     * @param waiting what cannot go on before (for the log: "matching")
     */
    public static void awaitAllLoaded(String waiting, TopicBackedStore<?>... stores) throws InterruptedException {
        for (TopicBackedStore<?> store : stores) {
            while (!store.awaitLoaded(LOAD_REPORT_INTERVAL)) {
                LOG.warnf("Still reading topic %s from Kafka; %s waits", store.topic, waiting);
            }
        }
    }

    /** Completes once everything now on the topic (a write just acknowledged, say) is applied here. */
    public CompletableFuture<Void> catchUp() {
        return view.catchUp();
    }
}
