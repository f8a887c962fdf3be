package io.policywatch.ingest;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long each step of accepting a new document takes: the timer {@value #METRIC} with a tag {@code step}, at
 * {@code /q/metrics}. An upload's time is mostly waiting (for the parser worker, for Kafka's acknowledgement), so
 * these say where an upload's latency goes, which processor profiles do not.
 */
@Singleton
public class UploadSteps {

    public static final String METRIC = "policywatch.ingest.upload.step";

    public enum Step {
        /** The round trip to a parser worker: type detection, Tika, clean-up. */
        PARSE,
        /** The main language and the language mix. */
        LANGUAGE,
        /** Keeping the original in the blob store. */
        BLOB,
        /** Sending the event and waiting for Kafka's acknowledgement. */
        PUBLISH,
        /** Recording the document as known. */
        RECORD
    }

    private final Map<Step, Timer> timers = new EnumMap<>(Step.class);

    public UploadSteps(MeterRegistry registry) {
        for (Step step : Step.values()) {
            timers.put(step, Timer.builder(METRIC)
                    .description("Time taken by one step of accepting a new document")
                    .tag("step", step.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    /** @param startNanos {@link System#nanoTime()} when the step began */
    public void finished(Step step, long startNanos) {
        timers.get(step).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
