package io.policywatch.events;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A document's id is the SHA-256 of its original bytes, in lower-case hex. */
public final class DocumentIds {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{64}");

    /** A digest to feed the original's bytes to; {@link #toId} turns it into the id. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String toId(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] original) {
        MessageDigest digest = newDigest();
        digest.update(original);
        return toId(digest);
    }

    /** Whether a string has the shape of a document id (guards path lookups). */
    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    private DocumentIds() {
    }
}
