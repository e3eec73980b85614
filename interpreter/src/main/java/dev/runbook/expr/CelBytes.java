package dev.runbook.expr;

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
        return Values.format(this);
    }
}
