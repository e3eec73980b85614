package dev.runbook.model;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Durations;
import dev.runbook.ast.Expr;
import dev.runbook.stdlib.ValueType;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Expressions;
import dev.runbook.syntax.RawNode;
import dev.runbook.syntax.Template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a raw node as a value of a given type, the same way for both forms: a YAML scalar's text or a DSL
 * expression. Wrong types become diagnostics naming what was expected; the result is then null.
 */
final class ValueReader {
    private final Diagnostics diagnostics;

    ValueReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Value read(RawNode node, ValueType type, String what) {
        return switch (type) {
            case TEXT, SHELL_COMMAND -> {
                Template t = text(node, what);
                yield t == null ? null : new Value.Text(t, node.span());
            }
            case STRING -> {
                String s = string(node, what);
                yield s == null ? null : new Value.Plain(s, node.span());
            }
            case EXPRESSION -> {
                Expression e = expression(node, what);
                yield e == null ? null : new Value.Expr(e, node.span());
            }
            case DURATION -> {
                Duration d = duration(node, what);
                yield d == null ? null : new Value.DurationValue(d, node.span());
            }
            case INTEGER -> {
                Long l = integer(node, what);
                yield l == null ? null : new Value.IntValue(l, node.span());
            }
            case NUMBER -> {
                Double d = number(node, what);
                yield d == null ? null : new Value.DoubleValue(d, node.span());
            }
            case BOOLEAN -> {
                Boolean b = bool(node, what);
                yield b == null ? null : new Value.BoolValue(b, node.span());
            }
            case STRING_LIST -> stringList(node, what);
            case TEXT_MAP -> map(node, ValueType.TEXT, what);
            case EXPRESSION_MAP -> map(node, ValueType.EXPRESSION, what);
            case DATA -> data(node, what);
        };
    }

    private void wrongType(RawNode node, String what, String expected) {
        diagnostics.error(node.span(), what + " must be " + expected + ", not " + describe(node));
    }

    static String describe(RawNode node) {
        if (node instanceof RawNode.MapNode) {
            return "a map";
        }
        if (node instanceof RawNode.ListNode) {
            return "a list";
        }
        if (node instanceof RawNode.Scalar s) {
            Object v = s.resolved();
            if (v == null) {
                return "empty";
            }
            if (v instanceof Long || v instanceof Double) {
                return "the number " + s.text();
            }
            if (v instanceof Boolean) {
                return "the boolean " + s.text();
            }
            return "the text \"" + abbreviate(s.text()) + "\"";
        }
        RawNode.ExprNode e = (RawNode.ExprNode) node;
        return "the expression " + abbreviate(e.expression().source());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }

    /** The literal value of a DSL expression that is a lone literal, else null. */
    private static Object literalOf(RawNode.ExprNode node) {
        Expr ast = node.expression().ast();
        if (ast instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (ast instanceof Expr.Unary unary && unary.operator() == Expr.Operator.NEG
                && unary.operand() instanceof Expr.Literal literal) {
            Object v = literal.value();
            if (v instanceof Long l) {
                return -l;
            }
            if (v instanceof Double d) {
                return -d;
            }
            if (v instanceof Duration d) {
                return d.negated();
            }
        }
        return null;
    }

    Template text(RawNode node, String what) {
        if (node instanceof RawNode.Scalar s) {
            if (s.resolved() == null) {
                wrongType(node, what, "text");
                return null;
            }
            if (s.resolved() instanceof String text) {
                return Expressions.parseTemplate(text, s.contentStart(), diagnostics);
            }
            return Template.literal(s.text(), s.span());
        }
        if (node instanceof RawNode.ExprNode e) {
            // Only a string written as such is text; ("x") or any other expression is interpolated whole.
            if (e.stringContentStart() != null && literalOf(e) instanceof String text) {
                return Expressions.parseTemplate(text, e.stringContentStart(), diagnostics);
            }
            return new Template(List.of(new Template.Interpolation(e.expression())), e.span());
        }
        wrongType(node, what, "text");
        return null;
    }

    String string(RawNode node, String what) {
        if (node instanceof RawNode.Scalar s && s.resolved() != null) {
            return s.text();
        }
        if (node instanceof RawNode.ExprNode e && literalOf(e) instanceof String text) {
            return text;
        }
        if (node instanceof RawNode.ExprNode e && e.expression().ast() instanceof Expr.Ident ident) {
            return ident.name();
        }
        wrongType(node, what, "a string");
        return null;
    }

    Expression expression(RawNode node, String what) {
        if (node instanceof RawNode.Scalar s) {
            if (s.resolved() == null) {
                wrongType(node, what, "an expression");
                return null;
            }
            return Expressions.parse(s.text(), s.contentStart(), diagnostics);
        }
        if (node instanceof RawNode.ExprNode e) {
            return e.expression();
        }
        if (node instanceof RawNode.ListNode || node instanceof RawNode.MapNode) {
            // A DSL list or map literal where one expression is wanted: parse it back from its source.
            String source = sourceOf(node);
            if (source != null) {
                return Expressions.parse(source, node.span(), diagnostics);
            }
        }
        wrongType(node, what, "an expression");
        return null;
    }

    /** CEL source for a DSL list/map literal read as nodes; null when a part is not an expression. */
    private static String sourceOf(RawNode node) {
        if (node instanceof RawNode.ExprNode e) {
            return e.expression().source();
        }
        if (node instanceof RawNode.ListNode list) {
            List<String> parts = new ArrayList<>();
            for (RawNode item : list.items()) {
                String part = sourceOf(item);
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (node instanceof RawNode.MapNode map) {
            List<String> parts = new ArrayList<>();
            for (RawNode.Entry entry : map.entries()) {
                String part = sourceOf(entry.value());
                if (part == null) {
                    return null;
                }
                parts.add(dev.runbook.expr.Values.format(entry.key()) + ": " + part);
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return null;
    }

    Duration duration(RawNode node, String what) {
        String text = null;
        if (node instanceof RawNode.Scalar s && s.resolved() instanceof String str) {
            text = str;
        } else if (node instanceof RawNode.ExprNode e) {
            Object literal = literalOf(e);
            if (literal instanceof Duration d) {
                return d;
            }
            if (literal instanceof String str) {
                text = str;
            }
        }
        if (text == null) {
            wrongType(node, what, "a duration such as 30s, 250ms or 1m30s");
            return null;
        }
        try {
            return Durations.parse(text.strip());
        } catch (dev.runbook.ast.LiteralException e) {
            diagnostics.error(node.span(), what + " must be a duration such as 30s, 250ms or 1m30s, not \"" + text + "\"");
            return null;
        }
    }

    Long integer(RawNode node, String what) {
        Object v = node instanceof RawNode.Scalar s ? s.resolved()
                : node instanceof RawNode.ExprNode e ? literalOf(e) : null;
        if (v instanceof Long l) {
            return l;
        }
        wrongType(node, what, "a whole number");
        return null;
    }

    Double number(RawNode node, String what) {
        Object v = node instanceof RawNode.Scalar s ? s.resolved()
                : node instanceof RawNode.ExprNode e ? literalOf(e) : null;
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof Double d) {
            return d;
        }
        wrongType(node, what, "a number");
        return null;
    }

    Boolean bool(RawNode node, String what) {
        Object v = node instanceof RawNode.Scalar s ? s.resolved()
                : node instanceof RawNode.ExprNode e ? literalOf(e) : null;
        if (v instanceof Boolean b) {
            return b;
        }
        wrongType(node, what, "true or false");
        return null;
    }

    private Value stringList(RawNode node, String what) {
        if (!(node instanceof RawNode.ListNode list)) {
            wrongType(node, what, "a list of strings");
            return null;
        }
        List<Value> items = new ArrayList<>();
        for (RawNode item : list.items()) {
            String s = string(item, "each item of " + what);
            if (s != null) {
                items.add(new Value.Plain(s, item.span()));
            }
        }
        return new Value.ListValue(items, node.span());
    }

    private Value map(RawNode node, ValueType valueType, String what) {
        if (!(node instanceof RawNode.MapNode map)) {
            wrongType(node, what, "a map of names to " + (valueType == ValueType.TEXT ? "text" : "expressions"));
            return null;
        }
        List<Value.Entry> entries = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RawNode.Entry entry : map.entries()) {
            if (!seen.add(entry.key())) {
                diagnostics.error(entry.keySpan(), "'" + entry.key() + "' is given twice in " + what);
                continue;
            }
            Value value = read(entry.value(), valueType, what + "." + entry.key());
            if (value != null) {
                entries.add(new Value.Entry(entry.key(), value, entry.keySpan()));
            }
        }
        return new Value.MapValue(entries, node.span());
    }

    /** Any value: maps, lists, and scalars by their own type (strings are text with templates). */
    Value data(RawNode node, String what) {
        if (node instanceof RawNode.MapNode map) {
            List<Value.Entry> entries = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RawNode.Entry entry : map.entries()) {
                if (!seen.add(entry.key())) {
                    diagnostics.error(entry.keySpan(), "'" + entry.key() + "' is given twice in " + what);
                    continue;
                }
                Value value = data(entry.value(), what + "." + entry.key());
                if (value != null) {
                    entries.add(new Value.Entry(entry.key(), value, entry.keySpan()));
                }
            }
            return new Value.MapValue(entries, node.span());
        }
        if (node instanceof RawNode.ListNode list) {
            List<Value> items = new ArrayList<>();
            for (RawNode item : list.items()) {
                Value value = data(item, what);
                if (value != null) {
                    items.add(value);
                }
            }
            return new Value.ListValue(items, node.span());
        }
        Object v = node instanceof RawNode.Scalar s ? s.resolved() : literalOf((RawNode.ExprNode) node);
        if (node instanceof RawNode.Scalar && v == null || v instanceof CelNull) {
            return new Value.NullValue(node.span());
        }
        if (v instanceof Long l) {
            return new Value.IntValue(l, node.span());
        }
        if (v instanceof Double d) {
            return new Value.DoubleValue(d, node.span());
        }
        if (v instanceof Boolean b) {
            return new Value.BoolValue(b, node.span());
        }
        if (v instanceof Duration d) {
            // In free-form data a duration is text ("30s"), as YAML has no duration type: both forms agree.
            return new Value.Text(Template.literal(Durations.literal(d), node.span()), node.span());
        }
        if (v instanceof CelUInt || v instanceof CelBytes) {
            wrongType(node, what, "a string, number, boolean, list or map");
            return null;
        }
        Template t = text(node, what);
        return t == null ? null : new Value.Text(t, node.span());
    }
}
