package dev.runbook.stdlib;

import java.util.List;
import java.util.Map;

/**
 * An action with its settings evaluated for one execution: texts rendered to strings, expressions to plain Java
 * values (String, Long, Double, Boolean, null, List, Map, Duration, Instant). Expression settings that must be
 * evaluated again and again (wait.until) are not here: ask {@link ActionContext#condition}.
 */
public record ResolvedAction(String kind, Map<String, Object> settings, Effect effect) {

    public String string(String key) {
        Object value = settings.get(key);
        return value == null ? null : value.toString();
    }

    public String string(String key, String otherwise) {
        String value = string(key);
        return value == null ? otherwise : value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object value = settings.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object value = settings.get(key);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public boolean has(String key) {
        return settings.containsKey(key);
    }
}
