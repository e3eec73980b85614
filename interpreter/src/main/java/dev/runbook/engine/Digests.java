package dev.runbook.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: of a runbook file, of a dry-run plan, of an audit line. */
public final class Digests {
    private Digests() {
    }

    /** One digest per thread: looking the algorithm up costs more than hashing an audit line. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    public static String sha256(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
