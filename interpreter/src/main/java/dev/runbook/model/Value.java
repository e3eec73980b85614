package dev.runbook.model;

import dev.runbook.syntax.Expression;
import dev.runbook.ast.SourceSpan;
import dev.runbook.syntax.Template;

import java.time.Duration;
import java.util.List;

/** A typed value of a runbook: what an action key, a param default or an environment entry holds. */
public sealed interface Value {
    SourceSpan span();

    /** A string with ${} interpolations. */
    record Text(Template template, SourceSpan span) implements Value {
    }

    /** A plain string, never interpolated. */
    record Plain(String text, SourceSpan span) implements Value {
    }

    record Expr(Expression expression, SourceSpan span) implements Value {
    }

    record DurationValue(Duration duration, SourceSpan span) implements Value {
    }

    record IntValue(long value, SourceSpan span) implements Value {
    }

    record DoubleValue(double value, SourceSpan span) implements Value {
    }

    record BoolValue(boolean value, SourceSpan span) implements Value {
    }

    record NullValue(SourceSpan span) implements Value {
    }

    record ListValue(List<Value> items, SourceSpan span) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /** Entries in the order written. */
    record MapValue(List<Entry> entries, SourceSpan span) implements Value {
        public MapValue {
            entries = List.copyOf(entries);
        }

        public Value get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst().orElse(null);
        }
    }

    record Entry(String key, Value value, SourceSpan span) {
    }
}
