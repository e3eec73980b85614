package dev.runbook.ast;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A CEL bytes value: an immutable byte sequence ordered lexicographically as unsigned bytes. */
public final class CelBytes implements Comparable<CelBytes> {
    private final byte[] bytes;

    private CelBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static CelBytes of(byte[] bytes) {
        return new CelBytes(bytes.clone());
    }

    public static CelBytes utf8(String text) {
        return new CelBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public CelBytes concat(CelBytes other) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new CelBytes(joined);
    }

    @Override
    public int compareTo(CelBytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CelBytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return literal();
    }

    /** As CEL writes it: b"..." with printable ASCII as itself and every other byte as \\xNN. */
    public String literal() {
        StringBuilder out = new StringBuilder("b\"");
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append('"').toString();
    }
}
