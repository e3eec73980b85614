package dev.runbook.audit;

import dev.runbook.stdlib.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON with keys sorted at every level and no white space: the bytes the audit hash chain is computed over. */
final class CanonicalJson {
    private CanonicalJson() {
    }

    static String write(Object value) {
        return Json.write(sorted(value));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 9e15) {
            // JSON has one number type: an integral double reads back as an integer, so write it as one.
            return d.longValue();
        }
        return value;
    }
}
