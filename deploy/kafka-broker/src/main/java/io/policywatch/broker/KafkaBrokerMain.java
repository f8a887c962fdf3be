package io.policywatch.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the local broker as its own process until SIGTERM or Ctrl-C:
 * {@code java -jar kafka-broker.jar --data-dir DIR [--port 9092] [--controller-port 9093] [--partitions 6]}.
 */
public final class KafkaBrokerMain {

    private static final String USAGE = "--data-dir DIR [--host localhost] [--port 9092] [--controller-port 9093]"
            + " [--partitions 6]";

    public static void main(String[] args) {
        CommandLine options = CommandLine.parse(args, USAGE);
        int port = options.getInt("port", 9092);
        LocalKafkaBroker.Settings settings = new LocalKafkaBroker.Settings(
                Path.of(options.get("data-dir", ".policywatch/kafka")),
                options.get("host", "localhost"),
                port,
                options.getInt("controller-port", port + 1));
        int partitions = options.getInt("partitions", TopicProvisioner.DEFAULT_PARTITIONS);

        LocalKafkaBroker broker = LocalKafkaBroker.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        List<String> created = TopicProvisioner.ensureTopics(broker.bootstrapServers(), partitions);
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in "
                + settings.dataDir().toAbsolutePath() + (created.isEmpty() ? "" : "; created topics " + created) + ")");
        broker.awaitShutdown();
    }

    private KafkaBrokerMain() {
    }
}
