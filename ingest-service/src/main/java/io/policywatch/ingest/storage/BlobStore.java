package io.policywatch.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where originals are kept, addressed by their document id (the SHA-256 of the content). Storing the same id
 * twice is harmless: the content is the same by construction.
 */
public interface BlobStore {

    /**
     * Stores the file's content under the id. The caller still owns the file (it may delete it) but must not change
     * it: the store may keep it by linking it rather than copying it.
     */
    void put(String id, Path content) throws IOException;

    /** The stored content, or empty when nothing is stored under the id. The caller closes the stream. */
    Optional<InputStream> open(String id) throws IOException;
}
