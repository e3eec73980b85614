package dev.runbook.ast;

/** A CEL uint: 64 unsigned bits held in a long. */
public record CelUInt(long bits) implements Comparable<CelUInt> {
    public static CelUInt of(long value) {
        return new CelUInt(value);
    }

    @Override
    public int compareTo(CelUInt other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }
}
