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

    /** How many documents are parsed at once. */
    @WithDefault("2")
    int parseThreads();

    /** How many uploads may wait for a parse thread; beyond that an upload is answered 503. */
    @WithDefault("16")
    int parseQueue();

    /**
     * Parses that ran past their timeout and ignored the interrupt hold a thread, which is replaced. Past this
     * many, threads are no longer replaced and readiness reports DOWN: only a restart frees them.
     */
    @WithDefault("4")
    int maxAbandonedParses();

    /** Deepest nesting of embedded documents (a document in an archive in a document...) Tika will follow. */
    @WithDefault("3")
    int maxNestingDepth();

    /** Deepest nesting of elements in a document's structure; deeper is taken for an attack. */
    @WithDefault("100")
    int maxElementDepth();
}
