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
 * An upload in a file, with its id (SHA-256) and size. Closing it deletes the file when it was written here.
 *
 * @param owned whether the file was written by {@link #stage}, and so is deleted on closing
 */
record StagedUpload(Path file, String id, long size, boolean owned) implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** @throws io.policywatch.support.problem.ProblemException 413 as soon as the content passes maxBytes */
    static StagedUpload stage(InputStream content, Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".tmp");
        try (OutputStream out = Files.newOutputStream(file)) {
            MessageDigest digest = DocumentIds.newDigest();
            byte[] buffer = new byte[BUFFER_BYTES];
            long size = 0;
            for (int read; (read = content.read(buffer)) != -1;) {
                size += read;
                if (size > maxBytes) {
                    throw UploadProblems.tooLarge(maxBytes);
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            return new StagedUpload(file, DocumentIds.toId(digest), size, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * A file the HTTP layer has written already (a multipart part, held to the size limit as it was received):
     * hashed where it is rather than copied once more. The HTTP layer deletes it at the end of the request.
     */
    static StagedUpload inPlace(Path file) throws IOException {
        try (InputStream content = Files.newInputStream(file)) {
            MessageDigest digest = DocumentIds.newDigest();
            byte[] buffer = new byte[BUFFER_BYTES];
            long size = 0;
            for (int read; (read = content.read(buffer)) != -1;) {
                size += read;
                digest.update(buffer, 0, read);
            }
            return new StagedUpload(file, DocumentIds.toId(digest), size, false);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            Files.deleteIfExists(file);
        }
    }
}
