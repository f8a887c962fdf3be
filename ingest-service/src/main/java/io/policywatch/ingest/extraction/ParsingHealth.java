package io.policywatch.ingest.extraction;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready once too many parses are stuck past their timeout: each holds a thread (and memory) that only a
 * restart gets back.
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
        return HealthCheckResponse.named("document-parsing")
                .status(extractor.parsing().healthy())
                .withData("runningParses", extractor.parsing().running())
                .withData("queuedParses", extractor.parsing().queued())
                .withData("abandonedParses", extractor.parsing().abandoned())
                .build();
    }
}
