package dev.runbook.expr;

/** A CEL type value, as returned by type(x) and named by the identifiers int, string, ... */
public record CelType(String name) {
    public static final CelType INT = new CelType("int");
    public static final CelType UINT = new CelType("uint");
    public static final CelType DOUBLE = new CelType("double");
    public static final CelType STRING = new CelType("string");
    public static final CelType BYTES = new CelType("bytes");
    public static final CelType BOOL = new CelType("bool");
    public static final CelType NULL = new CelType("null_type");
    public static final CelType LIST = new CelType("list");
    public static final CelType MAP = new CelType("map");
    public static final CelType DURATION = new CelType("google.protobuf.Duration");
    public static final CelType TIMESTAMP = new CelType("google.protobuf.Timestamp");
    public static final CelType TYPE = new CelType("type");
    public static final CelType DYN = new CelType("dyn");

    @Override
    public String toString() {
        return name;
    }
}
