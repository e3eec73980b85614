package dev.runbook.engine;

import java.security.SecureRandom;

/** Run ids as ULIDs: 26 characters, sortable by time, so an audit log lists runs in the order they started. */
final class RunIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String next() {
        long time = System.currentTimeMillis();
        char[] id = new char[26];
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(id);
    }
}
