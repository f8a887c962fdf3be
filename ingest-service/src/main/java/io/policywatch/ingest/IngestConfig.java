package io.policywatch.ingest;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "policywatch.ingest")
public interface IngestConfig {

    /** Root of the blob store ({@code blobs/}) and of the document records ({@code documents/}). */
    @WithDefault("${POLICYWATCH_DATA_DIR:.policywatch}/ingest")
    Path storageDir();

    /**
     * The largest request body accepted. {@code quarkus.http.limits.max-body-size} refers to this value, so both
     * limits are one setting.
     */
    MemorySize maxUploadSize();

    /** How long Tika may take on one document before the upload is refused. */
    @WithDefault("60s")
    Duration parseTimeout();

    /** How long an upload waits for Kafka to acknowledge its event before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * Extracted text beyond this is cut off (with a warning), so that an event stays under Kafka's 16 MiB record
     * limit even for text of 3-byte UTF-8 characters.
     */
    @WithDefault("4000000")
    int maxTextCharacters();
}
