package io.policywatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.policywatch.events.Topics;

class LocalKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void topicsAndRecordsSurviveARestartOnTheSameDataDirectory() throws Exception {
        LocalKafkaBroker.Settings settings = new LocalKafkaBroker.Settings(dataDir, "localhost", Ports.free(), Ports.free());

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(settings)) {
            List<String> created = TopicProvisioner.ensureTopics(broker.bootstrapServers(), 3);
            assertEquals(Topics.all().size(), created.size());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, "s1", "kept")).get(30, TimeUnit.SECONDS);
            }
        }

        try (LocalKafkaBroker broker = LocalKafkaBroker.start(settings)) {
            assertEquals(List.of(), TopicProvisioner.ensureTopics(broker.bootstrapServers(), 3),
                    "a restarted broker already has every topic");
            assertEquals(List.of("kept"), readAll(broker.bootstrapServers(), Topics.SUBSCRIPTIONS));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicDescription subscriptions = admin.describeTopics(Set.of(Topics.SUBSCRIPTIONS)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(Topics.SUBSCRIPTIONS);
                assertEquals(3, subscriptions.partitions().size());
                assertTrue(!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("never-created"));
                assertEquals("compact", topicConfig(admin, Topics.SUBSCRIPTIONS, "cleanup.policy"));
                assertEquals("delete", topicConfig(admin, Topics.ALERTS, "cleanup.policy"));
                assertEquals("-1", topicConfig(admin, Topics.ALERTS, "retention.ms"), "every alert is kept");
            }
        }
    }

    private static String topicConfig(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name).value();
    }

    private static List<String> readAll(String bootstrapServers, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
