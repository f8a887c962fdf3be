package io.policywatch.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the local broker as its own process until SIGTERM or Ctrl-C:
 * {@code java -jar kafka-broker.jar --data-dir DIR [--port 9092] [--controller-port 9093] [--partitions 6]}.
 */
public final class KafkaBrokerMain {

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        LocalKafkaBroker.Settings settings = new LocalKafkaBroker.Settings(
                Path.of(options.getOrDefault("data-dir", ".policywatch/kafka")),
                options.getOrDefault("host", "localhost"),
                port,
                Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1))));
        int partitions = Integer.parseInt(
                options.getOrDefault("partitions", String.valueOf(TopicProvisioner.DEFAULT_PARTITIONS)));

        LocalKafkaBroker broker = LocalKafkaBroker.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        List<String> created = TopicProvisioner.ensureTopics(broker.bootstrapServers(), partitions);
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in "
                + settings.dataDir().toAbsolutePath() + (created.isEmpty() ? "" : "; created topics " + created) + ")");
        broker.awaitShutdown();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --data-dir DIR [--host localhost] [--port 9092]"
                        + " [--controller-port 9093] [--partitions 6]; not understood: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private KafkaBrokerMain() {
    }
}
