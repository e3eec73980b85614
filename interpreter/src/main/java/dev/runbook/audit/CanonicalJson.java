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

    /** A value already in canonical form: what every line of a run repeats (its runbook) is written once. */
    record Written(String json) {
        static Written of(Object value) {
            return new Written(write(value));
        }
    }

    /**
     * An object's members, each written once in canonical form and kept in key order, so that the same line can be
     * written without and then with its hash without writing every value twice.
     */
    static final class Members {
        private final TreeMap<String, String> written = new TreeMap<>();

        Members(Map<String, Object> map) {
            map.forEach((key, value) -> put(key, value));
        }

        void put(String key, Object value) {
            written.put(key, value instanceof Written w ? w.json() : Json.write(sorted(value)));
        }

        /** The object as {@link #write} writes it. */
        String text() {
            StringBuilder out = new StringBuilder(64 + written.size() * 32).append('{');
            written.forEach((key, value) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(Json.write(key)).append(':').append(value);
            });
            return out.append('}').toString();
        }
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
