package io.policywatch.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    /** How long Tika may take on one document before the upload is refused (and its parser worker killed). */
    @WithDefault("60s")
    Duration parseTimeout();

    /** How long an upload waits for Kafka to acknowledge its event before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * A document whose extracted text is longer is refused (422), not cut: a partial text would pass for the whole.
     * Whatever this says, a text must also fit in one Kafka record (see TextExtractor.MAX_TEXT_BYTES).
     */
    @WithDefault("10000000")
    int maxTextCharacters();

    /**
     * How many documents are parsed at once: the number of parser workers, each a JVM of its own parsing one document
     * at a time.
     */
    @WithDefault("2")
    int parseThreads();

    /** How many uploads may wait for a parser worker; beyond that an upload is answered 503. */
    @WithDefault("16")
    int parseQueue();

    /**
     * The maximum heap of each parser worker (its -Xmx). A document whose parse needs more is refused (422) and its
     * worker replaced; the service itself is not affected. A worker's whole footprint is about this plus 100 MB.
     */
    @WithDefault("512M")
    MemorySize parserHeap();

    /**
     * Further options for the parser workers' JVMs. The serial collector suits their small heaps and does not compete
     * with the service's threads for cores.
     */
    @WithDefault("-XX:+UseSerialGC")
    List<String> parserJvmOptions();

    /** Deepest nesting of embedded documents (a document in an archive in a document...) Tika will follow. */
    @WithDefault("3")
    int maxNestingDepth();

    /** Deepest nesting of elements in a document's structure; deeper is taken for an attack. */
    @WithDefault("100")
    int maxElementDepth();

    /** The most entries a zip archive of a batch upload may have; one with more is refused whole. */
    @WithDefault("1000")
    int maxArchiveEntries();

    /**
     * The most bytes the entries of one zip archive may expand to, counted as they are read (the sizes a zip
     * declares can lie); entries past it are refused. Each entry is also held to max-upload-size.
     */
    @WithDefault("1G")
    MemorySize maxArchiveExpansion();

    /**
     * Whether scans (PDF pages without text, PNG/JPEG/TIFF images) are OCR'd, which happens only when tesseract is
     * on the PATH. Without OCR they are accepted with the warning "no text layer".
     */
    @WithDefault("true")
    boolean ocrEnabled();

    /** The languages Tesseract reads, as its -l option takes them (each needs its traineddata installed). */
    @WithDefault("eng+chi_sim")
    String ocrLanguages();
}
