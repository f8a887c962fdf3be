package io.policywatch.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), run from the Apache Kafka jars. Its
 * data directory is formatted once and reused: a restart keeps every topic and offset.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    /**
     * @param dataDir where the log segments and cluster metadata live
     * @param host the host name clients are told to connect to
     * @param port the client port
     * @param controllerPort the KRaft controller port
     */
    public record Settings(Path dataDir, String host, int port, int controllerPort) {
        public String bootstrapServers() {
            return host + ":" + port;
        }
    }

    private final KafkaRaftServer server;
    private final Settings settings;

    private LocalKafkaBroker(KafkaRaftServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Formats the data directory if it is new, starts the broker and returns once it serves clients. */
    public static LocalKafkaBroker start(Settings settings) {
        Properties properties = serverProperties(settings);
        formatIfNew(settings.dataDir());
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        return new LocalKafkaBroker(server, settings);
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Blocks until the broker has shut down (after {@link #close()} from another thread). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    private static Properties serverProperties(Settings settings) {
        String controller = "localhost:" + settings.controllerPort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + controller);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + settings.host() + ":" + settings.port() + "," + CONTROLLER_LISTENER + "://"
                + controller);
        p.put("advertised.listeners", "PLAINTEXT://" + settings.bootstrapServers());
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", settings.dataDir().toAbsolutePath().toString());
        // Topics exist because someone created them with their partition count, never because a client named one.
        p.put("auto.create.topics.enable", "false");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One node: a new consumer group need not wait for others to join.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", String.valueOf(TopicProvisioner.MAX_MESSAGE_BYTES));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void formatIfNew(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(dataDir.resolve("meta.properties"))) {
                return;
            }
            String directory = dataDir.toAbsolutePath().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(directory)
                    .setDirectories(List.of(directory))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + dataDir, e);
        }
    }
}
