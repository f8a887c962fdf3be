package io.policywatch.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import io.policywatch.events.DocumentIds;
import io.policywatch.ingest.UploadProblems;

/**
 * An upload written to a temporary file, with its id (SHA-256) and size worked out on the way in. Closing it
 * deletes the file.
 */
record StagedUpload(Path file, String id, long size) implements AutoCloseable {

    /** @throws io.policywatch.support.problem.ProblemException 413 as soon as the content passes maxBytes */
    static StagedUpload stage(InputStream content, Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".tmp");
        try (OutputStream out = Files.newOutputStream(file)) {
            MessageDigest digest = DocumentIds.newDigest();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read; (read = content.read(buffer)) != -1;) {
                size += read;
                if (size > maxBytes) {
                    throw UploadProblems.tooLarge(maxBytes);
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            return new StagedUpload(file, DocumentIds.toId(digest), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
