package io.policywatch.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.policywatch.events.DocumentIds;
import io.policywatch.ingest.IngestConfig;

/** Originals as files under {@code <storage-dir>/blobs/ab/cd/<id>}: two levels keep directories small. */
@Singleton
public class DirectoryBlobStore implements BlobStore {

    private final Path root;

    @Inject
    public DirectoryBlobStore(IngestConfig config) {
        this(config.storageDir().resolve("blobs"));
    }

    public DirectoryBlobStore(Path root) {
        this.root = root;
    }

    /**
     * A hard link where the file system allows it (the upload is on the same one): the original is then stored
     * without a copy, and appears whole at once, as a renamed copy would. Otherwise a copy, written atomically.
     */
    @Override
    public void put(String id, Path content) throws IOException {
        Path target = pathOf(id);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, content);
            return;
        } catch (FileAlreadyExistsException e) {
            return; // stored meanwhile by another upload of the same bytes
        } catch (IOException | UnsupportedOperationException e) {
            // another file system, or one without hard links: copied below
        }
        try (InputStream in = Files.newInputStream(content)) {
            AtomicFiles.write(target, in);
        }
    }

    @Override
    public Optional<InputStream> open(String id) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path pathOf(String id) {
        if (!DocumentIds.isWellFormed(id)) {
            // Ids become paths: anything else could walk out of the store.
            throw new IllegalArgumentException("not a document id: " + id);
        }
        return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }
}
