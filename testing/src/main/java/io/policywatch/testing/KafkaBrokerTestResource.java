package io.policywatch.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real test broker: {@code @WithTestResource(KafkaBrokerTestResource.class)}.
 * The broker outlives the Quarkus application, so tests that restart the application find their data again.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                // An in-process broker logs through the application's log manager: keep its chatter out.
                "quarkus.log.category.\"kafka\".level", "WARN",
                "quarkus.log.category.\"state.change.logger\".level", "WARN",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
    }

    @Override
    public void stop() {
        // The broker is shared by every test of the JVM and stops with it.
    }
}
