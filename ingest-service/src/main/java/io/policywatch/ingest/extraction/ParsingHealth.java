package io.policywatch.ingest.extraction;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the first parser worker has started, nor when no worker can be started. A worker killed (past its
 * timeout) or dead (out of memory, crashed) is replaced, and counted, but does not make the service unready.
 */
@Readiness
@Singleton
public class ParsingHealth implements HealthCheck {

    private final TextExtractor extractor;

    public ParsingHealth(TextExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public HealthCheckResponse call() {
        ParsingPool parsing = extractor.parsing();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("document-parsing")
                .status(parsing.healthy())
                .withData("workers", parsing.workers())
                .withData("runningParses", parsing.running())
                .withData("queuedParses", parsing.queued())
                .withData("replacedWorkers", parsing.replaced());
        if (parsing.lastStartFailure() != null) {
            response.withData("lastStartFailure", parsing.lastStartFailure());
        }
        return response.build();
    }
}
