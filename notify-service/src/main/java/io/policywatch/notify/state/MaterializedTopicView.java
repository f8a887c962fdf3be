package io.policywatch.notify.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Keeps a topic's records flowing into memory: reads the whole topic from its beginning, then follows it in a
 * background thread, so that writes of other instances show up here too. This is how state that lives in Kafka
 * (a compacted topic, an event history) is rebuilt at start-up, as Kafka Connect and Schema Registry do.
 * <p>
 * The view uses a plain consumer with assigned partitions and no consumer group: every instance reads everything.
 * A record that cannot be decoded or applied is logged and skipped; it never stops the view.
 *
 * @param <V> the decoded record value
 */
public final class MaterializedTopicView<V> implements AutoCloseable {

    /** Turns a record value into its object; throws on a bad record. */
    @FunctionalInterface
    public interface Decoder<V> {
        V decode(String value) throws Exception;
    }

    /** Applies one record to the in-memory state; {@code value} is null for a tombstone. */
    @FunctionalInterface
    public interface Sink<V> {
        void apply(String key, V value);
    }

    private static final Logger LOG = Logger.getLogger(MaterializedTopicView.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_FETCH_BYTES = 16 * 1024 * 1024;

    private final String topic;
    private final Properties consumerProperties;
    private final Decoder<V> decoder;
    private final Sink<V> sink;
    /** Requests to be told when the view has read everything that was on the topic when they were made. */
    private final Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> initialLoad;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean closed;
    private Thread thread;

    public MaterializedTopicView(String bootstrapServers, String topic, Decoder<V> decoder, Sink<V> sink) {
        this.topic = topic;
        this.decoder = decoder;
        this.sink = sink;
        this.consumerProperties = consumerProperties(bootstrapServers, topic);
        this.initialLoad = catchUp();
    }

    /** Starts reading; {@link #loaded()} turns true once the topic has been read up to its end at start time. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the view of " + topic + " is already started");
        }
        consumer = new KafkaConsumer<>(consumerProperties);
        thread = new Thread(this::run, "topic-view-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the topic has been read up to where it ended when the view started. */
    public boolean loaded() {
        return initialLoad.isDone() && !initialLoad.isCompletedExceptionally();
    }

    /** Blocks until {@link #loaded()}; false when the timeout passed first. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        try {
            initialLoad.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the view of " + topic + " was closed", e.getCause());
        }
    }

    /**
     * Completes once the view has applied every record that is on the topic now. A writer that waited for the
     * broker's acknowledgement calls this to read its own write.
     */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            // Cuts a poll short so the request is served now rather than after the poll timeout.
            current.wakeup();
        }
        return request;
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        catchUpRequests.forEach(request -> request.completeExceptionally(
                new IllegalStateException("the view of " + topic + " was closed")));
    }

    private void run() {
        List<TopicPartition> partitions = List.of();
        List<CompletableFuture<Void>> unserved = new ArrayList<>();
        List<Barrier> barriers = new ArrayList<>();
        try {
            while (!closed) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = assignAll();
                        if (partitions.isEmpty()) {
                            pause();
                            continue;
                        }
                    }
                    drain(unserved);
                    if (!unserved.isEmpty()) {
                        barriers.add(new Barrier(consumer.endOffsets(partitions), List.copyOf(unserved)));
                        unserved.clear();
                    }
                    release(barriers);
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                        apply(record);
                    }
                    release(barriers);
                } catch (WakeupException e) {
                    // A catch-up request or close(): the loop serves it.
                } catch (KafkaException e) {
                    LOG.warnf("Reading topic %s failed, retrying: %s", topic, e.getMessage());
                    pause();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "The view of topic %s stopped", topic);
            throw e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            IllegalStateException stopped = new IllegalStateException("the view of " + topic + " stopped");
            unserved.forEach(request -> request.completeExceptionally(stopped));
            barriers.forEach(barrier -> barrier.requests().forEach(request -> request.completeExceptionally(stopped)));
        }
    }

    private List<TopicPartition> assignAll() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            LOG.warnf("Topic %s has no partitions (does it exist?); retrying", topic);
            return partitions;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private void drain(List<CompletableFuture<Void>> into) {
        CompletableFuture<Void> request;
        while ((request = catchUpRequests.poll()) != null) {
            into.add(request);
        }
    }

    private void release(List<Barrier> barriers) {
        barriers.removeIf(barrier -> {
            boolean reached = barrier.endOffsets().entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            if (reached) {
                barrier.requests().forEach(request -> request.complete(null));
            }
            return reached;
        });
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            LOG.warnf("Skipping record without key at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            V value = record.value() == null ? null : decoder.decode(record.value());
            sink.apply(record.key(), value);
        } catch (Exception e) {
            LOG.warnf("Skipping bad record %s at %s-%d@%d: %s", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static Properties consumerProperties(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "notify-view-" + topic + "-" + UUID.randomUUID());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_FETCH_BYTES));
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(MAX_FETCH_BYTES));
        return properties;
    }

    /** The end offsets a group of catch-up requests waits for. */
    private record Barrier(Map<TopicPartition, Long> endOffsets, List<CompletableFuture<Void>> requests) {
    }
}
