package dev.runbook.model;

/** A value as an author would read it in one line: strings quoted with their templates, lists and maps in brackets. */
public final class ValueText {
    private ValueText() {
    }

    public static String of(Value value) {
        if (value instanceof Value.Text t) {
            return quoted(t.template().source());
        } else if (value instanceof Value.Plain p) {
            return quoted(p.text());
        } else if (value instanceof Value.Expr e) {
            return e.expression().source();
        } else if (value instanceof Value.DurationValue d) {
            return dev.runbook.expr.Durations.literal(d.duration());
        } else if (value instanceof Value.IntValue i) {
            return Long.toString(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            return Double.toString(d.value());
        } else if (value instanceof Value.BoolValue b) {
            return Boolean.toString(b.value());
        } else if (value instanceof Value.ListValue l) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < l.items().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(of(l.items().get(i)));
            }
            return out.append(']').toString();
        } else if (value instanceof Value.MapValue m) {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < m.entries().size(); i++) {
                Value.Entry e = m.entries().get(i);
                out.append(i == 0 ? "" : ", ").append(e.key()).append(": ").append(of(e.value()));
            }
            return out.append('}').toString();
        }
        return "null";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
