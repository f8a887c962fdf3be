package io.policywatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.policywatch.broker.LocalKafkaBroker;
import io.policywatch.broker.Ports;
import io.policywatch.broker.TopicProvisioner;

/**
 * The real Kafka broker of a test JVM, started once and shared by every test in it. Testcontainers' Kafka where
 * a Docker engine answers, else an in-process single-node KRaft broker. The system property
 * {@code policywatch.test.kafka} ({@code auto}, {@code testcontainers}, {@code embedded}) forces either.
 */
public final class TestKafka {

    public static final String MODE_PROPERTY = "policywatch.test.kafka";
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static String bootstrapServers;

    /** Starts the broker on first use, creates the pipeline's topics and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = usesTestcontainers() ? startContainer() : startInProcess();
            TopicProvisioner.ensureTopics(bootstrapServers, TopicProvisioner.DEFAULT_PARTITIONS);
        }
        return bootstrapServers;
    }

    /** Whether this JVM's test broker is Testcontainers' (a Docker engine answered, or it was forced). */
    public static boolean usesTestcontainers() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "testcontainers" -> true;
            case "embedded" -> false;
            case "auto" -> dockerAnswers();
            default -> throw new IllegalArgumentException(
                    MODE_PROPERTY + " must be auto, testcontainers or embedded, not " + mode);
        };
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
    private static String startContainer() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(TopicProvisioner.MAX_MESSAGE_BYTES));
        kafka.start();
        return kafka.getBootstrapServers();
    }

    private static String startInProcess() {
        try {
            Path dataDir = Files.createTempDirectory("policywatch-kafka-");
            LocalKafkaBroker broker = LocalKafkaBroker.start(
                    new LocalKafkaBroker.Settings(dataDir, "localhost", freePort(), freePort()));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on right now ({@link Ports#free()}). */
    public static int freePort() {
        return Ports.free();
    }

    private TestKafka() {
    }
}
