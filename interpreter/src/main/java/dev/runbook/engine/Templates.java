package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.ast.CelNull;
import dev.runbook.expr.Evaluator;
import dev.runbook.expr.Values;
import dev.runbook.model.Value;
import dev.runbook.syntax.ShellQuoting;
import dev.runbook.syntax.Template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns model values into CEL values for one scope: templates rendered, expressions evaluated. */
final class Templates {
    private final Evaluator evaluator;
    private final Activation staticScope;

    Templates(Evaluator evaluator, Map<String, Object> env, Map<String, Object> secrets) {
        this.evaluator = evaluator;
        Map<String, Object> names = Map.of("env", env, "secrets", secrets, "params", Map.of());
        this.staticScope = Activation.of(names);
    }

    Evaluator evaluator() {
        return evaluator;
    }

    /** The names usable before the run: env, secrets (params defaults and environments are read with these). */
    Activation staticScope() {
        return staticScope;
    }

    /**
     * For a typed destination (a JSON body, a call's with, a param default, a for_each list): a string that is
     * exactly one ${...} keeps its expression's type — an int stays a JSON number, a list a list; mixed text is a
     * string.
     */
    Object typedValue(Value value, Activation scope) {
        if (value instanceof Value.Text t && t.template().soleExpression() != null) {
            return evaluator.evaluate(t.template().soleExpression().ast(), scope);
        } else if (value instanceof Value.ListValue l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(v -> out.add(typedValue(v, scope)));
            return out;
        } else if (value instanceof Value.MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), typedValue(e.value(), scope)));
            return out;
        }
        return value(value, scope);
    }

    Object value(Value value, Activation scope) {
        if (value instanceof Value.Text t) {
            return render(t.template(), scope, false);
        } else if (value instanceof Value.Plain p) {
            return p.text();
        } else if (value instanceof Value.Expr e) {
            return evaluator.evaluate(e.expression().ast(), scope);
        } else if (value instanceof Value.DurationValue d) {
            return d.duration();
        } else if (value instanceof Value.IntValue i) {
            return i.value();
        } else if (value instanceof Value.DoubleValue d) {
            return d.value();
        } else if (value instanceof Value.BoolValue b) {
            return b.value();
        } else if (value instanceof Value.ListValue l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(v -> out.add(value(v, scope)));
            return out;
        } else if (value instanceof Value.MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), value(e.value(), scope)));
            return out;
        }
        return CelNull.NULL;
    }

    /**
     * The template's text: interpolated strings as they are, other values in CEL literal form. For a shell
     * command each value is inserted as its place in the command requires (ShellQuoting), so that no value can
     * add words or commands; a place where no value can be made safe is refused.
     */
    String render(Template template, Activation scope, boolean shellQuote) {
        List<ShellQuoting.Context> contexts = shellQuote ? shellContexts(template) : null;
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text text) {
                out.append(text.text());
            } else {
                Object value = evaluator.evaluate(((Template.Interpolation) part).expression().ast(), scope);
                String inserted = Values.toText(value);
                out.append(shellQuote ? ShellQuoting.insert(inserted, contexts.get(index)) : inserted);
                index++;
            }
        }
        return out.toString();
    }

    /** Where each value of a shell command goes; a refused place is an error (check reports it before any run). */
    private static List<ShellQuoting.Context> shellContexts(Template template) {
        ShellQuoting.Analysis analysis = ShellQuoting.analyse(template);
        if (!analysis.problems().isEmpty()) {
            throw new dev.runbook.expr.EvalException(dev.runbook.expr.EvalException.Kind.INVALID_ARGUMENT, analysis.problems().get(0).message());
        }
        return analysis.contexts();
    }

    /**
     * For a dry-run: the value where it can be known before the run, and where it cannot (it reads vars or steps),
     * the text as written: ${vars.job_id} stays ${vars.job_id}.
     */
    Object lenientValue(Value value, Activation scope) {
        return lenientValue(value, scope, false);
    }

    /** As {@link #lenientValue(Value, Activation)} for a typed destination (see {@link #typedValue}). */
    Object lenientTypedValue(Value value, Activation scope) {
        if (value instanceof Value.Text t && t.template().soleExpression() != null) {
            try {
                return evaluator.evaluate(t.template().soleExpression().ast(), scope);
            } catch (dev.runbook.expr.EvalException unknownYet) {
                return "${" + t.template().soleExpression().source() + "}";
            }
        } else if (value instanceof Value.ListValue l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(v -> out.add(lenientTypedValue(v, scope)));
            return out;
        } else if (value instanceof Value.MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), lenientTypedValue(e.value(), scope)));
            return out;
        }
        return lenientValue(value, scope);
    }

    /** As {@link #lenientValue(Value, Activation)}, inserting each known value as one shell word when asked. */
    Object lenientValue(Value value, Activation scope, boolean shellQuote) {
        if (value instanceof Value.Text t) {
            List<ShellQuoting.Context> contexts = shellQuote ? shellContexts(t.template()) : null;
            StringBuilder out = new StringBuilder();
            int index = 0;
            for (Template.Part part : t.template().parts()) {
                if (part instanceof Template.Text text) {
                    out.append(text.text());
                } else {
                    dev.runbook.syntax.Expression expression = ((Template.Interpolation) part).expression();
                    try {
                        String inserted = Values.toText(evaluator.evaluate(expression.ast(), scope));
                        out.append(shellQuote ? ShellQuoting.insert(inserted, contexts.get(index)) : inserted);
                    } catch (dev.runbook.expr.EvalException unknownYet) {
                        out.append("${").append(expression.source()).append('}');
                    }
                    index++;
                }
            }
            return out.toString();
        } else if (value instanceof Value.Expr e) {
            try {
                return evaluator.evaluate(e.expression().ast(), scope);
            } catch (dev.runbook.expr.EvalException unknownYet) {
                return "<" + e.expression().source() + ">";
            }
        } else if (value instanceof Value.ListValue l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(v -> out.add(lenientValue(v, scope)));
            return out;
        } else if (value instanceof Value.MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), lenientValue(e.value(), scope)));
            return out;
        }
        return value(value, scope);
    }
}
