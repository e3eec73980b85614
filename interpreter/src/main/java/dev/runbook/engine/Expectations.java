package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.expr.Evaluator;
import dev.runbook.ast.Expr;
import dev.runbook.expr.ExprPrinter;
import dev.runbook.expr.Values;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Expressions;
import dev.runbook.ast.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates a step's expectations and explains a false one with the values of its parts. */
final class Expectations {
    /** What holds when a step states no expect (language.md §3): its kind's default, parsed once. */
    private static final Map<String, Expression> DEFAULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Expression parse(String text) {
        return Expressions.parse(text, SourceSpan.NONE, new Diagnostics());
    }

    /** The outcome: null reason when every expectation holds. */
    record Outcome(boolean passed, boolean errored, String reason, List<String> explanation) {
        static final Outcome PASSED = new Outcome(true, false, null, List.of());
    }

    static List<Expression> of(List<Expression> stated, dev.runbook.stdlib.ActionKind kind) {
        if (!stated.isEmpty()) {
            return stated;
        }
        String fallback = kind == null ? null : kind.defaultExpectation();
        return fallback == null ? List.of() : List.of(DEFAULTS.computeIfAbsent(fallback, Expectations::parse));
    }

    static Outcome check(Evaluator evaluator, List<Expression> expectations, Activation scope, Redactor redactor) {
        for (Expression expectation : expectations) {
            Object value;
            try {
                value = evaluator.evaluate(expectation.ast(), scope);
            } catch (EvalException e) {
                return new Outcome(false, true, redactor.redact("expect " + expectation.source() + ": " + e.getMessage()),
                        explain(evaluator, expectation, scope, redactor));
            }
            if (!(value instanceof Boolean)) {
                return new Outcome(false, true, "expect " + expectation.source() + " gave " + Values.typeOf(value).name()
                        + ", not true or false", List.of());
            }
            if (!(Boolean) value) {
                return new Outcome(false, false, redactor.redact("expect " + expectation.source()),
                        explain(evaluator, expectation, scope, redactor));
            }
        }
        return Outcome.PASSED;
    }

    /** "expect body.status == \"healthy\"" then "body.status = \"degraded\"" for each part that is not a literal. */
    static List<String> explain(Evaluator evaluator, Expression expectation, Activation scope, Redactor redactor) {
        List<String> lines = new ArrayList<>();
        lines.add("expect " + expectation.source());
        List<Expr> parts = new ArrayList<>();
        collect(expectation.ast(), parts);
        for (Expr part : parts) {
            if (lines.size() > 7) {
                break;
            }
            String shown;
            try {
                shown = Values.format(evaluator.evaluate(part, scope));
            } catch (EvalException e) {
                shown = "error: " + e.getMessage();
            }
            if (shown.length() > 200) {
                shown = shown.substring(0, 197) + "...";
            }
            lines.add("  " + ExprPrinter.print(part) + " = " + redactor.redact(shown));
        }
        return lines;
    }

    private static void collect(Expr expr, List<Expr> parts) {
        if (expr instanceof Expr.Binary b) {
            if (b.operator() == Expr.Operator.AND || b.operator() == Expr.Operator.OR) {
                collect(b.left(), parts);
                collect(b.right(), parts);
            } else {
                addPart(b.left(), parts);
                addPart(b.right(), parts);
            }
        } else if (expr instanceof Expr.Unary u && u.operator() == Expr.Operator.NOT) {
            collect(u.operand(), parts);
        } else if (expr instanceof Expr.Call c) {
            if (c.target() != null) {
                addPart(c.target(), parts);
            }
            c.args().forEach(a -> addPart(a, parts));
        } else {
            addPart(expr, parts);
        }
    }

    private static void addPart(Expr part, List<Expr> parts) {
        if (!(part instanceof Expr.Literal) && !parts.contains(part)) {
            parts.add(part);
        }
    }
}
