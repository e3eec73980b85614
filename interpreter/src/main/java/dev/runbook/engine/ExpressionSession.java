package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.expr.Evaluator;
import dev.runbook.syntax.Diagnostic;
import dev.runbook.syntax.DiagnosticRenderer;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Expressions;
import dev.runbook.syntax.SourceFile;
import dev.runbook.ast.SourceSpan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates expressions one after another over a set of variables: what `runbook eval` and `runbook repl` share.
 * {@code NAME = EXPR} (outside the repl's first-token check) defines a variable.
 */
public final class ExpressionSession {
    private final Evaluator evaluator = Evaluator.standard();
    private final Map<String, Object> variables = new LinkedHashMap<>();

    /** What one line gave: a value, or a message and whether it was invalid (2) or failed to evaluate (1). */
    public record Outcome(Object value, String message, boolean invalid) {
        public boolean ok() {
            return message == null;
        }
    }

    public void define(String name, Object value) {
        variables.put(name, value);
    }

    public Map<String, Object> variables() {
        return variables;
    }

    /** A --var value: a CEL literal when it is one (5, 2.5, true, [1, 2], "x", 30s), else the text itself. */
    public static Object parseVariable(String text) {
        Diagnostics ignored = new Diagnostics();
        Expression expression = Expressions.parse(text, SourceSpan.at("--var", 1, 1), ignored);
        if (expression != null) {
            try {
                return Evaluator.standard().evaluate(expression.ast(), Activation.EMPTY);
            } catch (EvalException notALiteral) {
                return text;
            }
        }
        return text;
    }

    public Outcome evaluate(String text) {
        Diagnostics diagnostics = new Diagnostics();
        Expression expression = Expressions.parse(text, SourceSpan.at("expression", 1, 1), diagnostics);
        if (expression == null) {
            StringBuilder message = new StringBuilder();
            SourceFile source = new SourceFile("expression", text);
            for (Diagnostic d : diagnostics.all()) {
                message.append(DiagnosticRenderer.render(d, source));
            }
            return new Outcome(null, message.toString().stripTrailing(), true);
        }
        try {
            return new Outcome(evaluator.evaluate(expression.ast(), Activation.of(variables)), null, false);
        } catch (EvalException e) {
            return new Outcome(null, "error: " + e.getMessage(), false);
        } catch (StackOverflowError e) {
            return new Outcome(null, "error: the expression is nested too deeply", false);
        }
    }

    /** Whether the text could be a whole expression: brackets closed and no string left open. */
    public static boolean isComplete(String text) {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                String quote = text.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int end = i + quote.length();
                while (end < text.length() && !text.startsWith(quote, end)) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= text.length()) {
                    return false;
                }
                i = end + quote.length();
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            i++;
        }
        String trimmed = text.stripTrailing();
        boolean danglingOperator = trimmed.endsWith("&&") || trimmed.endsWith("||") || trimmed.endsWith("+")
                || trimmed.endsWith("-") || trimmed.endsWith("*") || trimmed.endsWith("/") || trimmed.endsWith("?")
                || trimmed.endsWith(":") || trimmed.endsWith(",") || trimmed.endsWith(".") || trimmed.endsWith("==");
        return depth <= 0 && !danglingOperator;
    }

    /** Names a completer offers: variables, functions, macros and the runbook scopes. */
    public TreeSet<String> completionNames() {
        TreeSet<String> names = new TreeSet<>(variables.keySet());
        names.addAll(evaluator.functions().names());
        names.addAll(dev.runbook.syntax.ExpressionBuilder.MACRO_NAMES);
        names.addAll(java.util.List.of("true", "false", "null",
                "int", "uint", "double", "string", "bytes", "bool", "list", "type", "dyn"));
        return names;
    }
}
