package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Recognises plain text that Tika's type detection takes for binary. That detection calls text only what is mostly
 * ASCII or valid UTF-8, so text in a multi-byte legacy encoding (Chinese in GB18030, Japanese in Shift_JIS,
 * Russian in windows-1251), made almost entirely of bytes above 0x7F, comes out as application/octet-stream. ICU's
 * charset detector (as Tika ships it) tells those encodings apart by their byte patterns and character frequencies.
 */
final class TextEncodings {

    /** As much of the file as ICU looks at anyway. */
    private static final int SAMPLE_BYTES = 8 * 1024;
    /** ICU's confidence (0-100) below which a match is a guess. */
    private static final int MIN_CONFIDENCE = 50;

    /** The encoding of a file that decodes as text, or empty when it looks like binary data. */
    static Optional<Charset> textEncoding(Path file) throws IOException {
        byte[] sample = sample(file);
        CharsetMatch match = new CharsetDetector().setText(sample).detect();
        if (match == null || match.getConfidence() < MIN_CONFIDENCE) {
            return Optional.empty();
        }
        Optional<Charset> charset = charset(match.getName());
        return charset.filter(candidate -> decodesAsText(sample, candidate));
    }

    private static byte[] sample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        }
    }

    private static Optional<Charset> charset(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * Binary data decodes in many single-byte encodings, but into control characters. The sample may end in the
     * middle of a character: it is decoded as input that goes on, which leaves such an end unread.
     */
    private static boolean decodesAsText(byte[] sample, Charset charset) {
        CharBuffer text = CharBuffer.allocate(sample.length);
        CoderResult result = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(sample), text, sample.length < SAMPLE_BYTES);
        if (result.isError()) {
            return false;
        }
        String decoded = text.flip().toString();
        return !decoded.isBlank()
                && decoded.chars().noneMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c));
    }

    private TextEncodings() {
    }
}
