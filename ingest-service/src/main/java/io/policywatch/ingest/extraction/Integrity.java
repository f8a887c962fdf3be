package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Structural checks made before parsing. Lenient parsers recover what text they can from a damaged file; a
 * document cut short must be refused instead, or its text would silently be partial.
 */
final class Integrity {

    private static final MediaType PDF = MediaType.application("pdf");
    private static final MediaType ZIP = MediaType.application("zip");
    private static final MediaType RTF = MediaType.application("rtf");
    /** Readers look for the end-of-file marker this far from the end, since writers may append a little junk. */
    private static final int PDF_TAIL_BYTES = 1024;
    /** How far from the end to look for the closing brace of an RTF document. */
    private static final int RTF_TAIL_BYTES = 1024;
    private static final byte[] PDF_EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    /** Why the file is damaged, or empty when it looks whole. */
    static Optional<String> damage(Path file, MediaType detected, MediaTypeRegistry registry) throws IOException {
        MediaType type = registry.normalize(detected.getBaseType());
        if (registry.isInstanceOf(type, PDF) && !endsWithEofMarker(file)) {
            return Optional.of("it is truncated: there is no %%EOF end-of-file marker in its last " + PDF_TAIL_BYTES
                    + " bytes");
        }
        if (registry.isInstanceOf(type, RTF) && lastMeaningfulByte(file) != '}') {
            return Optional.of("it is truncated: an RTF document ends with the '}' that closes its first '{'");
        }
        if (registry.isInstanceOf(type, ZIP) && !ZIP.equals(type)) {
            return unreadableZip(file);
        }
        return Optional.empty();
    }

    private static boolean endsWithEofMarker(Path file) throws IOException {
        return indexOf(tail(file, PDF_TAIL_BYTES), PDF_EOF) >= 0;
    }

    /** The last byte that is not white space or NUL (which some writers pad with), or -1. */
    private static int lastMeaningfulByte(Path file) throws IOException {
        byte[] tail = tail(file, RTF_TAIL_BYTES);
        for (int i = tail.length - 1; i >= 0; i--) {
            if (tail[i] != 0 && !Character.isWhitespace(tail[i])) {
                return tail[i];
            }
        }
        return -1;
    }

    private static byte[] tail(Path file, int maxBytes) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            int length = (int) Math.min(in.length(), maxBytes);
            byte[] tail = new byte[length];
            in.seek(in.length() - length);
            in.readFully(tail);
            return tail;
        }
    }

    /** Office, OpenDocument and EPUB files are zip containers: one without its central directory is cut short. */
    private static Optional<String> unreadableZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("it is truncated or corrupt: its zip container cannot be read (" + e.getMessage() + ")");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }

    private Integrity() {
    }
}
