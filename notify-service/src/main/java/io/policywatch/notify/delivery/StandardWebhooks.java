package io.policywatch.notify.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures as the Standard Webhooks specification defines them (standardwebhooks.com): a secret
 * is {@code whsec_} + base64 of 24 to 64 random bytes; a delivery is signed with HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} and the {@code webhook-signature} header carries
 * {@code v1,<base64 signature>}.
 */
public final class StandardWebhooks {

    public static final String SECRET_PREFIX = "whsec_";
    /** How secrets are shown after creation: only the 201 answer to their creation reveals them. */
    public static final String MASKED_SECRET = SECRET_PREFIX + "********";

    private static final int GENERATED_KEY_BYTES = 24;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String generateSecret() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Why a client-given secret is not usable, or null when it is. */
    public static String secretProblem(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return "webhook.secret must start with '" + SECRET_PREFIX + "'";
        }
        byte[] key;
        try {
            key = key(secret);
        } catch (IllegalArgumentException e) {
            return "webhook.secret must be '" + SECRET_PREFIX + "' followed by base64";
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            return "webhook.secret must encode " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes, not "
                    + key.length;
        }
        return null;
    }

    /** The {@code webhook-signature} header value. */
    public static String signature(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private StandardWebhooks() {
    }
}
