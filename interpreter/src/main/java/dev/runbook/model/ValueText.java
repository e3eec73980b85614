package dev.runbook.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A value as its author wrote it: as one line of text (for messages, the plan, runbook doc), or as plain data. */
public final class ValueText {
    private ValueText() {
    }

    /** One line, strings quoted (a for_each list as written: ["/a", "${params.x}"]). */
    public static String of(Value value) {
        return of(value, true);
    }

    /**
     * One line: templates with their ${...}, expressions as source, lists and maps in brackets.
     *
     * @param quoteText whether strings are quoted (inside a list, so that "a, b" stays one element)
     */
    public static String of(Value value, boolean quoteText) {
        if (value instanceof Value.Text t) {
            return quoteText ? quoted(t.template().source()) : t.template().source();
        } else if (value instanceof Value.Plain p) {
            return quoteText ? quoted(p.text()) : p.text();
        } else if (value instanceof Value.ListValue l) {
            return "[" + String.join(", ", l.items().stream().map(v -> of(v, quoteText)).toList()) + "]";
        } else if (value instanceof Value.MapValue m) {
            return "{" + String.join(", ", m.entries().stream().map(e -> e.key() + ": " + of(e.value(), quoteText)).toList())
                    + "}";
        }
        Object data = data(value);
        return data instanceof java.time.Duration d ? dev.runbook.ast.Durations.literal(d) : String.valueOf(data);
    }

    /** Plain data: text (templates and expressions as their source), numbers, booleans, durations, lists, maps. */
    public static Object data(Value value) {
        if (value instanceof Value.Text t) {
            return t.template().source();
        } else if (value instanceof Value.Plain p) {
            return p.text();
        } else if (value instanceof Value.Expr e) {
            return e.expression().source();
        } else if (value instanceof Value.IntValue i) {
            return i.value();
        } else if (value instanceof Value.DoubleValue d) {
            return d.value();
        } else if (value instanceof Value.BoolValue b) {
            return b.value();
        } else if (value instanceof Value.DurationValue d) {
            return d.duration();
        } else if (value instanceof Value.ListValue l) {
            return l.items().stream().map(ValueText::data).toList();
        } else if (value instanceof Value.MapValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), data(e.value())));
            return out;
        }
        return null;
    }

    /**
     * As a kind's check and doc read it: lists and maps of the settings as written, every other value as its one
     * line of text ({@link #of(Value, boolean)} unquoted).
     */
    public static Object written(Value value) {
        if (value instanceof Value.ListValue l) {
            return l.items().stream().map(ValueText::written).toList();
        } else if (value instanceof Value.MapValue m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), written(e.value())));
            return out;
        }
        return of(value, false);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
