package io.policywatch.notify.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One reader's pass over a topic, from a chosen start, as a {@link Multi}: first {@link Opened} with the start
 * position, then every record with the position after it. Each stream has its own consumer (assigned partitions,
 * no consumer group, nothing committed) on its own thread, polling only while the subscriber asks for more, so a
 * slow client holds back its own reading and nobody else's. Cancelling the stream closes the consumer.
 */
public final class TopicStream {

    /** What a stream emits. */
    public sealed interface Item {
    }

    /** The stream is positioned; nothing written from here on will be missed. */
    public record Opened(StreamPosition position) implements Item {
    }

    /** A record and the position a client that had it stands at. */
    public record Received(String key, String value, Instant timestamp, StreamPosition positionAfter)
            implements
                Item {
    }

    private static final Logger LOG = Logger.getLogger(TopicStream.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration IDLE_PAUSE = Duration.ofMillis(10);
    /** Below Mutiny's default overflow buffer (128), so one poll always fits in what a subscriber may hold. */
    private static final int MAX_POLL_RECORDS = 64;

    public static Multi<Item> open(String bootstrapServers, String topic, StreamStart start) {
        return Multi.createFrom().emitter(emitter -> {
            Reader reader = new Reader(bootstrapServers, topic, start, emitter);
            emitter.onTermination(reader::stop);
            Thread thread = new Thread(reader, "topic-stream-" + topic);
            thread.setDaemon(true);
            thread.start();
        }, BackPressureStrategy.BUFFER);
    }

    private static final class Reader implements Runnable {

        private final String topic;
        private final StreamStart start;
        private final MultiEmitter<? super Item> emitter;
        private final KafkaConsumer<String, String> consumer;
        private volatile boolean stopped;

        Reader(String bootstrapServers, String topic, StreamStart start, MultiEmitter<? super Item> emitter) {
            this.topic = topic;
            this.start = start;
            this.emitter = emitter;
            this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, topic));
        }

        void stop() {
            stopped = true;
            consumer.wakeup();
        }

        @Override
        public void run() {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
                }
                consumer.assign(partitions);
                StreamPosition position = seek(partitions);
                emitter.emit(new Opened(position));
                while (!stopped) {
                    if (emitter.requested() == 0) {
                        Thread.sleep(IDLE_PAUSE.toMillis());
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                        position = position.after(record.partition(), record.offset());
                        emitter.emit(new Received(record.key(), record.value(),
                                Instant.ofEpochMilli(record.timestamp()), position));
                    }
                }
            } catch (WakeupException | InterruptedException e) {
                // stop(): the subscriber has gone.
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.warnf("Streaming topic %s failed: %s", topic, e.getMessage());
                    emitter.fail(e);
                }
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }

        /** Positions every partition where the stream starts and says where that is. */
        private StreamPosition seek(List<TopicPartition> partitions) {
            Map<TopicPartition, Long> offsets = new HashMap<>(consumer.endOffsets(partitions));
            if (start instanceof StreamStart.Since since) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(partition -> times.put(partition, since.time().toEpochMilli()));
                consumer.offsetsForTimes(times).forEach((partition, found) -> {
                    // No record at or after the time: the partition starts at its end.
                    if (found != null) {
                        offsets.put(partition, found.offset());
                    }
                });
            } else if (start instanceof StreamStart.Resume resume) {
                Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
                partitions.forEach(partition -> offsets.put(partition,
                        resume.position().nextOffsets().getOrDefault(partition.partition(),
                                beginnings.get(partition))));
            }
            Map<Integer, Long> position = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                consumer.seek(partition, offset);
                position.put(partition.partition(), offset);
            });
            return new StreamPosition(position);
        }
    }

    private static Properties consumerProperties(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "notify-stream-" + topic + "-" + UUID.randomUUID());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A resumed position the retention has deleted meanwhile goes on from the oldest record kept.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        return properties;
    }

    private TopicStream() {
    }
}
