package dev.runbook.model;

import dev.runbook.ast.SourceSpan;

import java.util.List;

/**
 * What a step does: a kind from the action library and its settings, typed by the kind's descriptor.
 * Shorthands are expanded: {@code http: GET url} and the DSL's {@code GET "url"} both hold method and url.
 */
public record Action(String kind, List<Value.Entry> settings, SourceSpan span) {
    public Action {
        settings = List.copyOf(settings);
    }

    public Value setting(String key) {
        return settings.stream().filter(e -> e.key().equals(key)).map(Value.Entry::value).findFirst().orElse(null);
    }

    /**
     * The settings whose values are known before the run: plain strings, and texts without interpolation. An
     * action kind decides its effect from these (an http method, an sql statement).
     */
    /** Every setting as its author wrote it ({@link ValueText#written}), by key: what a kind's check and doc read. */
    public java.util.Map<String, Object> writtenSettings() {
        java.util.Map<String, Object> written = new java.util.LinkedHashMap<>();
        settings.forEach(e -> written.put(e.key(), ValueText.written(e.value())));
        return written;
    }

    public java.util.Map<String, String> literalSettings() {
        java.util.Map<String, String> literals = new java.util.LinkedHashMap<>();
        for (Value.Entry entry : settings) {
            if (entry.value() instanceof Value.Plain p) {
                literals.put(entry.key(), p.text());
            } else if (entry.value() instanceof Value.Text t && t.template().isLiteral()) {
                literals.put(entry.key(), t.template().literalText());
            }
        }
        return literals;
    }
}
