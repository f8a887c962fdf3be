package io.policywatch.broker;

import java.util.List;

/**
 * Creates the pipeline's missing topics on an existing cluster and exits: what compose and Kubernetes run once
 * before the services, so that {@link io.policywatch.events.Topics} stays the only list of topics.
 * {@code java -cp kafka-broker.jar io.policywatch.broker.TopicProvisionerMain --bootstrap-servers HOST:PORT
 * [--partitions 6]}.
 */
public final class TopicProvisionerMain {

    private static final String USAGE = "--bootstrap-servers HOST:PORT [--partitions 6]";

    public static void main(String[] args) {
        CommandLine options = CommandLine.parse(args, USAGE);
        String bootstrapServers = options.get("bootstrap-servers", "localhost:9092");
        List<String> created = TopicProvisioner.ensureTopics(bootstrapServers,
                options.getInt("partitions", TopicProvisioner.DEFAULT_PARTITIONS));
        System.out.println(created.isEmpty() ? "All PolicyWatch topics exist on " + bootstrapServers
                : "Created topics " + created + " on " + bootstrapServers);
    }

    private TopicProvisionerMain() {
    }
}
