package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain Java values (what actions return and JSON parses to) as CEL values, and back. */
public final class JavaValues {
    private JavaValues() {
    }

    public static Object toCel(Object value) {
        if (value == null) {
            return CelNull.NULL;
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Float f) {
            return f.doubleValue();
        } else if (value instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        } else if (value instanceof java.math.BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i.doubleValue();
        } else if (value instanceof byte[] bytes) {
            return CelBytes.of(bytes);
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toCel(v)));
            return out;
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k instanceof Integer i ? (Object) i.longValue() : k, toCel(v)));
            return out;
        }
        return value;
    }

    /** A CEL value for an action or a JSON body: CelNull to null, uint to Long, bytes to byte[]. */
    public static Object toJava(Object value) {
        if (value instanceof CelNull) {
            return null;
        } else if (value instanceof CelUInt u) {
            return u.bits();
        } else if (value instanceof CelBytes b) {
            return b.toByteArray();
        } else if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toJava(v)));
            return out;
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(toJava(k)), toJava(v)));
            return out;
        } else if (value instanceof CelType t) {
            return t.name();
        } else if (value instanceof Duration || value instanceof Instant) {
            return value;
        }
        return value;
    }
}
