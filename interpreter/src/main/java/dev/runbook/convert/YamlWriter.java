package dev.runbook.convert;

import dev.runbook.ast.Durations;
import dev.runbook.model.Action;
import dev.runbook.model.ModelBuilder;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.ast.CelStrings;
import dev.runbook.stdlib.ActionKinds;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.List;

/** Writes a model as the YAML form, block style, quoting a string only where YAML would misread it. */
public final class YamlWriter {
    private static final Resolver RESOLVER = new Resolver();
    private final StringBuilder out = new StringBuilder();

    private YamlWriter() {
    }

    public static String write(Runbook runbook) {
        YamlWriter writer = new YamlWriter();
        writer.runbook(runbook);
        return writer.out.toString();
    }

    private void runbook(Runbook r) {
        scalarEntry(0, "runbook", r.id());
        scalarEntry(0, "title", r.title());
        scalarEntry(0, "description", r.description());
        scalarEntry(0, "owner", r.owner());
        scalarEntry(0, "schedule", r.schedule());
        if (!r.tags().isEmpty()) {
            key(0, "tags");
            r.tags().forEach(t -> item(1, string(t, 1)));
        }
        if (!r.params().isEmpty()) {
            key(0, "params");
            for (Runbook.Param p : r.params()) {
                key(1, p.name());
                line(2, "type: " + p.type().label());
                if (p.defaultValue() != null) {
                    value(2, "default", p.defaultValue());
                }
                scalarEntry(2, "description", p.description());
                if (p.required()) {
                    line(2, "required: true");
                }
                scalarEntry(2, "pattern", p.pattern());
                if (!p.choices().isEmpty()) {
                    value(2, "enum", new Value.ListValue(p.choices(), p.span()));
                }
            }
        }
        if (!r.environments().isEmpty()) {
            key(0, "environments");
            for (Runbook.EnvironmentSet set : r.environments()) {
                value(1, set.name(), new Value.MapValue(set.values(), set.span()));
            }
        }
        if (!r.secrets().isEmpty()) {
            key(0, "secrets");
            r.secrets().forEach(s -> scalarEntry(1, s.name(), s.variable()));
        }
        if (!r.databases().isEmpty()) {
            key(0, "databases");
            r.databases().forEach(d -> scalarEntry(1, d.name(), d.url().source()));
        }
        if (r.defaults().timeout() != null || r.defaults().onFailure() != null || !r.defaults().kinds().isEmpty()) {
            key(0, "defaults");
            if (r.defaults().timeout() != null) {
                scalarEntry(1, "timeout", Durations.literal(r.defaults().timeout()));
            }
            if (r.defaults().onFailure() != null) {
                line(1, "on_failure: " + r.defaults().onFailure().label());
            }
            r.defaults().kinds().forEach(a -> action(1, a));
        }
        key(0, "steps");
        r.steps().forEach(this::step);
        if (!r.finallySteps().isEmpty()) {
            key(0, "finally");
            r.finallySteps().forEach(this::step);
        }
    }

    /**
     * The action as an author writes it: {@code http: GET url}, or {@code manual: text} with its other keys
     * beside it, else the map form.
     */
    private void stepAction(int indent, Action a) {
        List<Value.Entry> settings = a.settings();
        if (a.kind().equals("http") && settings.size() == 2 && a.setting("method") instanceof Value.Plain m
                && a.setting("url") instanceof Value.Text url && !url.template().source().contains(" ")) {
            line(indent, "http: " + string(m.text() + " " + url.template().source(), indent + 1));
            return;
        }
        String shorthand = ActionKinds.standard().find(a.kind()).map(k -> k.descriptor().shorthandKey()).orElse(null);
        boolean siblingsFit = settings.stream().skip(1).noneMatch(e -> ModelBuilder.STEP_KEYS.contains(e.key()));
        boolean scalarShorthand = !settings.isEmpty() && !(settings.get(0).value() instanceof Value.MapValue)
                && !(settings.get(0).value() instanceof Value.ListValue);
        if (shorthand != null && !a.kind().equals("http") && scalarShorthand
                && settings.get(0).key().equals(shorthand) && siblingsFit) {
            line(indent, a.kind() + ": " + scalar(settings.get(0).value(), indent + 1));
            settings.stream().skip(1).forEach(e -> value(indent, e.key(), e.value()));
            return;
        }
        action(indent, a);
    }

    private void step(Step s) {
        if (out.charAt(out.length() - 2) != ':') {
            out.append('\n');
        }
        out.append("  - id: ").append(string(s.id(), 2)).append('\n');
        int in = 2;
        scalarEntry(in, "title", s.title());
        scalarEntry(in, "description", s.description());
        if (s.hint() != null) {
            scalarEntry(in, "hint", s.hint().source());
        }
        if (s.when() != null) {
            scalarEntry(in, "when", s.when().source());
        }
        if (s.forEach() != null) {
            if (s.forEach().written() != null) {
                value(in, "for_each", s.forEach().written());
            } else {
                scalarEntry(in, "for_each", s.forEach().items().source());
            }
            scalarEntry(in, "as", s.forEach().as());
            if (s.forEach().parallel() != null) {
                line(in, "parallel: " + s.forEach().parallel());
            }
        }
        if (s.action() != null) {
            stepAction(in, s.action());
        }
        if (!s.expect().isEmpty()) {
            key(in, "expect");
            s.expect().forEach(e -> item(in + 1, string(e.source(), in + 1)));
        }
        if (!s.captures().isEmpty()) {
            key(in, "capture");
            s.captures().forEach(c -> scalarEntry(in + 1, c.name(), c.value().source()));
        }
        if (s.timeout() != null) {
            scalarEntry(in, "timeout", Durations.literal(s.timeout()));
        }
        if (s.retry() != null) {
            key(in, "retry");
            Step.Retry retry = s.retry();
            if (retry.attempts() != null) {
                line(in + 1, "attempts: " + retry.attempts());
            }
            if (retry.interval() != null) {
                scalarEntry(in + 1, "interval", Durations.literal(retry.interval()));
            }
            if (retry.backoff() != null) {
                line(in + 1, "backoff: " + retry.backoff());
            }
            if (retry.until() != null) {
                scalarEntry(in + 1, "until", retry.until().source());
            }
            if (retry.attempts() == null && retry.interval() == null && retry.backoff() == null && retry.until() == null) {
                out.setLength(out.length() - 1);
                out.append(" {}\n");
            }
        }
        if (s.onFailure() != null) {
            line(in, "on_failure: " + s.onFailure().label());
        }
        if (s.rollback() != null) {
            key(in, "rollback");
            action(in + 1, s.rollback());
        }
        if (s.severity() != null) {
            line(in, "severity: " + s.severity().name());
        }
        if (s.effects() != null) {
            line(in, "effects: " + s.effects().label());
        }
    }

    private void action(int indent, Action a) {
        if (a.settings().isEmpty()) {
            line(indent, a.kind() + ": {}");
            return;
        }
        value(indent, a.kind(), new Value.MapValue(a.settings(), a.span()));
    }

    /** key: value, with the value inline when it is a scalar and on the lines below when it is not. */
    private void value(int indent, String key, Value value) {
        if (value instanceof Value.MapValue map) {
            if (map.entries().isEmpty()) {
                line(indent, keyText(key) + ": {}");
                return;
            }
            key(indent, key);
            map.entries().forEach(e -> value(indent + 1, e.key(), e.value()));
        } else if (value instanceof Value.ListValue list) {
            if (list.items().isEmpty()) {
                line(indent, keyText(key) + ": []");
                return;
            }
            key(indent, key);
            list.items().forEach(item -> listItem(indent + 1, item));
        } else {
            line(indent, keyText(key) + ": " + scalar(value, indent + 1));
        }
    }

    private void listItem(int indent, Value item) {
        if (item instanceof Value.MapValue map && !map.entries().isEmpty()) {
            // "- first: x" then the other keys aligned under it.
            int mark = out.length();
            value(indent + 1, map.entries().get(0).key(), map.entries().get(0).value());
            out.replace(mark, mark + indentOf(indent + 1).length(), indentOf(indent) + "- ");
            map.entries().subList(1, map.entries().size()).forEach(e -> value(indent + 1, e.key(), e.value()));
        } else if (item instanceof Value.ListValue list && !list.items().isEmpty()) {
            line(indent, "-");
            list.items().forEach(x -> listItem(indent + 1, x));
        } else {
            item(indent, item instanceof Value.MapValue ? "{}" : item instanceof Value.ListValue ? "[]" : scalar(item, indent + 1));
        }
    }

    private String scalar(Value value, int indent) {
        if (value instanceof Value.Text t) {
            return string(t.template().source(), indent);
        } else if (value instanceof Value.Plain p) {
            return string(p.text(), indent);
        } else if (value instanceof Value.Expr e) {
            return string(e.expression().source(), indent);
        } else if (value instanceof Value.DurationValue d) {
            return Durations.literal(d.duration());
        } else if (value instanceof Value.IntValue i) {
            return Long.toString(i.value());
        } else if (value instanceof Value.DoubleValue d) {
            return doubleText(d.value());
        } else if (value instanceof Value.BoolValue b) {
            return Boolean.toString(b.value());
        }
        return "null";
    }

    static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String text = Double.toString(d);
        return text.contains("E") ? text.replace("E", "e+").replace("e+-", "e-") : text;
    }

    private void scalarEntry(int indent, String key, String text) {
        if (text != null) {
            line(indent, keyText(key) + ": " + string(text, indent + 1));
        }
    }

    private void key(int indent, String key) {
        if (indent == 0 && out.length() > 0) {
            out.append('\n');
        }
        line(indent, keyText(key) + ":");
    }

    private void item(int indent, String text) {
        line(indent, "- " + text);
    }

    private void line(int indent, String text) {
        out.append(indentOf(indent)).append(text).append('\n');
    }

    private static String indentOf(int indent) {
        return "  ".repeat(indent);
    }

    private static String keyText(String key) {
        return isPlainSafe(key) ? key : doubleQuoted(key);
    }

    /** A string as a YAML scalar: plain when safe, a literal block when multi-line, else double-quoted. */
    static String string(String text, int indent) {
        if (isPlainSafe(text)) {
            return text;
        }
        if (text.contains("\n") && literalBlockSafe(text)) {
            String chomp = text.endsWith("\n\n") ? "+" : text.endsWith("\n") ? "" : "-";
            StringBuilder block = new StringBuilder("|" + chomp);
            String body = chomp.equals("+") || chomp.isEmpty() ? text.substring(0, text.length() - 1) : text;
            for (String line : body.split("\n", -1)) {
                block.append('\n');
                if (!line.isEmpty()) {
                    block.append(indentOf(indent)).append(line);
                }
            }
            return block.toString();
        }
        return doubleQuoted(text);
    }

    private static boolean literalBlockSafe(String text) {
        if (text.startsWith(" ") || text.startsWith("\n") || text.startsWith("\t")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '\r') {
                return false;
            }
        }
        for (String line : text.split("\n", -1)) {
            if (line.endsWith(" ") || line.endsWith("\t")) {
                return false;
            }
        }
        return true;
    }

    static boolean isPlainSafe(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(text.charAt(0)) >= 0) {
            return false;
        }
        if (text.contains(": ") || text.contains(" #") || text.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f || c == '\ufeff') {
                return false;
            }
        }
        return RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR);
    }

    static String doubleQuoted(String text) {
        return CelStrings.doubleQuoted(text);
    }
}
