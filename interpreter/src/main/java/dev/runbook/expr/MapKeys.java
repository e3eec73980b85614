package dev.runbook.expr;

import dev.runbook.ast.CelUInt;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Map keys are int, uint, string or bool; numeric keys are equal across int, uint and double when their values
 * are, so {0: 'a'}[0u] and {0: 'a'}[0.0] find the entry.
 */
final class MapKeys {
    private MapKeys() {
    }

    static void checkKeyType(Object key) {
        if (!(key instanceof Long || key instanceof CelUInt || key instanceof String || key instanceof Boolean)) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "unsupported key type: " + Values.typeOf(key).name());
        }
    }

    /** The value under key, or Java null when there is none. */
    static Object lookup(Map<?, ?> map, Object key) {
        Object direct = map.get(key);
        if (direct != null) {
            return direct;
        }
        for (Object alternative : numericAlternatives(key)) {
            Object found = map.get(alternative);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static boolean contains(Map<?, ?> map, Object key) {
        return lookup(map, key) != null;
    }

    private static Object[] numericAlternatives(Object key) {
        if (key instanceof Long l) {
            return l >= 0 ? new Object[] {new CelUInt(l)} : new Object[0];
        }
        if (key instanceof CelUInt u) {
            return u.bits() >= 0 ? new Object[] {u.bits()} : new Object[0];
        }
        if (key instanceof Double d && !d.isNaN() && !d.isInfinite() && d == Math.rint(d)) {
            if (d >= -9.223372036854775808E18 && d < 9.223372036854775808E18) {
                long l = d.longValue();
                return l >= 0 ? new Object[] {l, new CelUInt(l)} : new Object[] {l};
            }
            if (d >= 0 && d < 1.8446744073709552E19) {
                return new Object[] {new CelUInt(new java.math.BigDecimal(d).toBigInteger().longValue())};
            }
        }
        return new Object[0];
    }

    /** Builds a map literal, refusing unsupported and repeated keys. */
    static Map<Object, Object> build(java.util.List<Object> keys, java.util.List<Object> values) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Object key = keys.get(i);
            checkKeyType(key);
            if (contains(map, key)) {
                throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "Failed with repeated key: " + Values.format(key));
            }
            map.put(key, values.get(i));
        }
        return map;
    }
}
