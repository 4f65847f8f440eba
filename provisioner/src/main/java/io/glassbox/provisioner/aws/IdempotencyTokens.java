package io.glassbox.provisioner.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Client tokens derived from what a create call means (environment, step, parameters), so that a run
 * repeated after a crash sends the same token and AWS returns the resource the first run made instead of a
 * second one (EC2 API Reference, "Ensuring idempotency": tokens up to 64 ASCII characters).
 */
public final class IdempotencyTokens {

    private static final int MAX_LENGTH = 64;

    private IdempotencyTokens() {
    }

    public static String derive(String... parts) {
        String token = "glassbox-" + digest(parts);
        return token.substring(0, Math.min(MAX_LENGTH, token.length()));
    }

    /**
     * A token of at most {@code maxLength} hex digits, for APIs with tighter rules: ACM's
     * {@code IdempotencyToken} (word characters, 32 at most), ECS's {@code clientToken} (36 characters).
     */
    public static String hex(int maxLength, String... parts) {
        String digest = digest(parts);
        return digest.substring(0, Math.min(maxLength, digest.length()));
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
