package io.policywatch.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it uses.
 *
 * @param root the checkout (holds the built services, deploy/ and seeds/)
 * @param dataDir everything that must survive a restart: broker log dirs, blobs, documents, logs
 * @param externalKafka bootstrap servers of a broker someone else runs, or null to start our own
 */
public record StackConfig(Path root, Path dataDir, int kafkaPort, int kafkaControllerPort, int ingestPort,
        int classifyPort, int notifyPort, String externalKafka) {

    /** Reads POLICYWATCH_DATA_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT, INGEST_PORT, CLASSIFY_PORT, NOTIFY_PORT. */
    public static StackConfig fromEnvironment(Path root, Map<String, String> env) {
        int kafkaPort = port(env, "KAFKA_PORT", 9092);
        return new StackConfig(root,
                Path.of(env.getOrDefault("POLICYWATCH_DATA_DIR", root.resolve(".policywatch").toString())),
                kafkaPort,
                port(env, "KAFKA_CONTROLLER_PORT", kafkaPort + 1),
                port(env, "INGEST_PORT", 8081),
                port(env, "CLASSIFY_PORT", 8082),
                port(env, "NOTIFY_PORT", 8083),
                null);
    }

    public String kafkaBootstrapServers() {
        return externalKafka != null ? externalKafka : "localhost:" + kafkaPort;
    }

    public String url(Service service) {
        return "http://localhost:" + port(service);
    }

    public int port(Service service) {
        return switch (service) {
            case INGEST -> ingestPort;
            case CLASSIFY -> classifyPort;
            case NOTIFY -> notifyPort;
        };
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
