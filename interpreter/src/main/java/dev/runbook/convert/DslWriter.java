package dev.runbook.convert;

import dev.runbook.ast.Durations;
import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.ast.CelStrings;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Template;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes a model as the DSL form, using the sugar (GET "url", sql db "...", approve ... by ...) where it fits. */
public final class DslWriter {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NOT_A_KEY = Set.of("true", "false", "null", "in");
    private final StringBuilder out = new StringBuilder();

    private DslWriter() {
    }

    public static String write(Runbook runbook) {
        DslWriter writer = new DslWriter();
        writer.runbook(runbook);
        return writer.out.toString();
    }

    private void runbook(Runbook r) {
        out.append("runbook ").append(r.id());
        if (r.title() != null) {
            out.append(' ').append(CelStrings.quote(r.title()));
        }
        out.append(" {\n");
        stringItem(1, "description", r.description());
        stringItem(1, "owner", r.owner());
        stringItem(1, "schedule", r.schedule());
        if (!r.tags().isEmpty()) {
            line(1, "tags " + String.join(", ", r.tags().stream().map(CelStrings::quote).toList()));
        }
        for (Runbook.Param p : r.params()) {
            StringBuilder text = new StringBuilder("param " + p.name() + ": " + p.type().label());
            if (p.defaultValue() != null) {
                text.append(" = ").append(value(p.defaultValue(), 1));
            }
            boolean hasBody = p.description() != null || p.required() || p.pattern() != null || !p.choices().isEmpty();
            if (!hasBody) {
                line(1, text.toString());
                continue;
            }
            line(1, text + " {");
            stringItem(2, "description", p.description());
            if (p.required()) {
                line(2, "required true");
            }
            stringItem(2, "pattern", p.pattern());
            if (!p.choices().isEmpty()) {
                line(2, "enum " + value(new Value.ListValue(p.choices(), p.span()), 2));
            }
            line(1, "}");
        }
        for (Runbook.EnvironmentSet set : r.environments()) {
            line(1, "environment " + set.name() + " {");
            set.values().forEach(e -> line(2, e.key() + " = " + value(e.value(), 2)));
            line(1, "}");
        }
        r.secrets().forEach(s -> line(1, "secret " + s.name() + " from env " + s.variable()));
        r.databases().forEach(d -> line(1, "database " + d.name() + " = " + text(d.url())));
        if (r.defaults().timeout() != null || r.defaults().onFailure() != null || !r.defaults().kinds().isEmpty()) {
            line(1, "defaults {");
            if (r.defaults().timeout() != null) {
                line(2, "timeout " + Durations.literal(r.defaults().timeout()));
            }
            if (r.defaults().onFailure() != null) {
                line(2, "on_failure " + r.defaults().onFailure().label());
            }
            for (Action a : r.defaults().kinds()) {
                line(2, a.kind() + " " + settings(a.settings(), 2));
            }
            line(1, "}");
        }
        r.steps().forEach(s -> step(1, s));
        if (!r.finallySteps().isEmpty()) {
            line(1, "finally {");
            r.finallySteps().forEach(s -> step(2, s));
            line(1, "}");
        }
        out.append("}\n");
    }

    private void step(int in, Step s) {
        out.append('\n');
        StringBuilder head = new StringBuilder("step " + s.id());
        if (s.title() != null) {
            head.append(' ').append(CelStrings.quote(s.title()));
        }
        if (s.severity() != null) {
            head.append(" severity ").append(s.severity().name());
        }
        line(in, head + " {");
        int body = in + 1;
        stringItem(body, "description", s.description());
        if (s.hint() != null) {
            stringItem(body, "hint", s.hint().source());
        }
        if (s.when() != null) {
            line(body, "when " + s.when().source());
        }
        if (s.forEach() != null) {
            StringBuilder forEach = new StringBuilder("for_each " + (s.forEach().written() != null
                    ? value(s.forEach().written(), body) : s.forEach().items().source()));
            if (s.forEach().as() != null) {
                forEach.append(" as ").append(s.forEach().as());
            }
            if (s.forEach().parallel() != null) {
                forEach.append(" parallel ").append(s.forEach().parallel());
            }
            line(body, forEach.toString());
        }
        // Written before the action: a step timeout after "wait until ..." would read as the wait's own.
        if (s.timeout() != null) {
            line(body, "timeout " + Durations.literal(s.timeout()));
        }
        if (s.retry() != null) {
            StringBuilder retry = new StringBuilder("retry");
            Step.Retry r = s.retry();
            if (r.attempts() != null) {
                retry.append(" attempts ").append(r.attempts());
            }
            if (r.interval() != null) {
                retry.append(" interval ").append(Durations.literal(r.interval()));
            }
            if (r.backoff() != null) {
                retry.append(" backoff ").append(YamlWriter.doubleText(r.backoff()));
            }
            if (r.until() != null) {
                retry.append(" until ").append(r.until().source());
            }
            line(body, retry.toString());
        }
        if (s.effects() != null) {
            line(body, "effects " + s.effects().label());
        }
        if (s.onFailure() != null) {
            line(body, "on_failure " + s.onFailure().label());
        }
        if (s.action() != null) {
            line(body, action(s.action(), body));
        }
        s.expect().forEach(e -> line(body, "expect " + e.source()));
        s.captures().forEach(c -> line(body, "capture " + c.name() + " = " + c.value().source()));
        if (s.rollback() != null) {
            line(body, "rollback { " + action(s.rollback(), body) + " }");
        }
        line(in, "}");
    }

    private String action(Action a, int indent) {
        List<Value.Entry> settings = a.settings();
        switch (a.kind()) {
            case "http" -> {
                Value method = a.setting("method");
                if (method instanceof Value.Plain m && a.setting("url") != null) {
                    return m.text() + " " + value(a.setting("url"), indent) + rest(settings, indent, "method", "url");
                }
            }
            case "sql" -> {
                if (a.setting("db") instanceof Value.Plain db && NAME.matcher(db.text()).matches()
                        && a.setting("query") != null) {
                    return "sql " + db.text() + " " + value(a.setting("query"), indent) + rest(settings, indent, "db", "query");
                }
            }
            case "wait" -> {
                if (a.setting("until") != null && a.setting("duration") == null) {
                    StringBuilder text = new StringBuilder("wait until " + value(a.setting("until"), indent));
                    if (a.setting("every") != null) {
                        text.append(" every ").append(value(a.setting("every"), indent));
                    }
                    if (a.setting("timeout") != null) {
                        text.append(" timeout ").append(value(a.setting("timeout"), indent));
                    }
                    return text.toString();
                }
            }
            case "approve" -> {
                if (a.setting("prompt") != null) {
                    StringBuilder text = new StringBuilder("approve " + value(a.setting("prompt"), indent));
                    if (a.setting("approvers") instanceof Value.ListValue approvers && !approvers.items().isEmpty()) {
                        text.append(" by ").append(String.join(", ",
                                approvers.items().stream().map(v -> value(v, indent)).toList()));
                        return text + rest(settings, indent, "prompt", "approvers");
                    }
                    return text + rest(settings, indent, "prompt");
                }
            }
            default -> {
            }
        }
        if (!settings.isEmpty() && isShorthand(a, settings.get(0).key())) {
            return a.kind() + " " + value(settings.get(0).value(), indent) + rest(settings, indent, settings.get(0).key());
        }
        return a.kind() + " " + settings(settings, indent);
    }

    private static boolean isShorthand(Action a, String key) {
        return dev.runbook.stdlib.ActionKinds.standard().find(a.kind())
                .map(k -> key.equals(k.descriptor().shorthandKey())).orElse(false)
                && !a.kind().equals("http");
    }

    private String rest(List<Value.Entry> settings, int indent, String... written) {
        List<Value.Entry> others = settings.stream().filter(e -> !List.of(written).contains(e.key())).toList();
        return others.isEmpty() ? "" : " " + settings(others, indent);
    }

    private String settings(List<Value.Entry> settings, int indent) {
        if (settings.isEmpty()) {
            return "{ }";
        }
        StringBuilder text = new StringBuilder("{\n");
        for (Value.Entry e : settings) {
            text.append("  ".repeat(indent + 1)).append(e.key()).append(' ').append(value(e.value(), indent + 1)).append('\n');
        }
        return text.append("  ".repeat(indent)).append('}').toString();
    }

    /** A value as DSL source: text as a string (or a bare expression when it is exactly one), maps and lists inline. */
    private String value(Value value, int indent) {
        if (value instanceof Value.Text t) {
            return text(t.template());
        } else if (value instanceof Value.Plain p) {
            return CelStrings.quote(p.text());
        } else if (value instanceof Value.Expr e) {
            return parenthesizedIfNeeded(e.expression());
        } else if (value instanceof Value.DurationValue d) {
            return Durations.literal(d.duration());
        } else if (value instanceof Value.IntValue i) {
            return Long.toString(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            return YamlWriter.doubleText(d.value());
        } else if (value instanceof Value.BoolValue b) {
            return Boolean.toString(b.value());
        } else if (value instanceof Value.NullValue) {
            return "null";
        } else if (value instanceof Value.ListValue l) {
            return "[" + String.join(", ", l.items().stream().map(v -> value(v, indent)).toList()) + "]";
        }
        Value.MapValue m = (Value.MapValue) value;
        if (m.entries().isEmpty()) {
            return "{}";
        }
        StringBuilder text = new StringBuilder("{\n");
        for (Value.Entry e : m.entries()) {
            text.append("  ".repeat(indent + 1)).append(key(e.key())).append(": ").append(value(e.value(), indent + 1))
                    .append(",\n");
        }
        return text.append("  ".repeat(indent)).append('}').toString();
    }

    /** A map or list literal as the whole value would be read back as a map or list node, not one expression. */
    private static String parenthesizedIfNeeded(Expression e) {
        String source = e.source().strip();
        if (source.startsWith("{") || source.startsWith("[")) {
            return "(" + e.source() + ")";
        }
        return e.source();
    }

    private static String key(String key) {
        return NAME.matcher(key).matches() && !NOT_A_KEY.contains(key) ? key : CelStrings.quote(key);
    }

    private static String text(Template template) {
        Expression sole = template.soleExpression();
        if (sole != null) {
            dev.runbook.ast.Expr ast = sole.ast();
            boolean readAsSomethingElse = ast instanceof dev.runbook.ast.Expr.Literal
                    || ast instanceof dev.runbook.ast.Expr.CreateList || ast instanceof dev.runbook.ast.Expr.CreateMap;
            return readAsSomethingElse ? "(" + sole.source() + ")" : sole.source();
        }
        return CelStrings.quote(template.source());
    }

    private void stringItem(int indent, String keyword, String text) {
        if (text != null) {
            line(indent, keyword + " " + CelStrings.quote(text));
        }
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}
