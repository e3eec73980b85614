package dev.runbook.check;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import dev.runbook.expr.Evaluator;
import dev.runbook.ast.Expr;
import dev.runbook.expr.FunctionRegistry;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Suggestions;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.ResultField;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one expression against its {@link Scope}: every name it uses must exist there (params, secrets,
 * earlier steps, vars captured earlier), and operators and functions must fit the types that are known
 * statically. Types are CEL type names; "dyn" is unknown and accepted everywhere.
 */
final class ExpressionChecker {
    static final String DYN = "dyn";
    private static final Set<String> NUMERIC = Set.of("int", "uint", "double");
    private static final Set<String> ORDERED = Set.of("string", "bytes", "bool", "duration", "timestamp");
    private static final Set<String> ROOTS = Set.of("params", "secrets", "env", "vars", "steps");
    private static final Set<String> TYPE_NAMES = Set.of("int", "uint", "double", "string", "bytes", "bool",
            "null_type", "list", "map", "type");
    private static final FunctionRegistry STANDARD = Evaluator.standard().functions();

    private final Diagnostics diagnostics;
    private final ActionKinds kinds;
    /** The functions an expression may call: the same declarations the evaluator runs. */
    private final FunctionRegistry functions;

    ExpressionChecker(Diagnostics diagnostics, ActionKinds kinds) {
        this(diagnostics, kinds, STANDARD);
    }

    ExpressionChecker(Diagnostics diagnostics, ActionKinds kinds, FunctionRegistry functions) {
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.functions = functions;
    }

    /** Checks the expression; when {@code wantBool}, a known non-bool result is an error. Returns its type. */
    String check(Expression expression, Scope scope, boolean wantBool) {
        String type = infer(expression.ast(), scope, new HashMap<>());
        if (wantBool && !type.equals(DYN) && !type.equals("bool")) {
            diagnostics.error(expression.span(), scope.what() + " must be true or false, but this is " + article(type)
                    + " " + type);
        }
        return type;
    }

    static String article(String type) {
        return "aeiou".indexOf(type.charAt(0)) >= 0 ? "an" : "a";
    }

    static String normalize(String celType) {
        return switch (celType) {
            case "google.protobuf.Duration" -> "duration";
            case "google.protobuf.Timestamp" -> "timestamp";
            default -> celType;
        };
    }

    private String infer(Expr expr, Scope scope, Map<String, String> locals) {
        if (expr instanceof Expr.Literal literal) {
            return typeOfLiteral(literal.value());
        } else if (expr instanceof Expr.Ident ident) {
            return ident(ident, scope, locals);
        } else if (expr instanceof Expr.Select select) {
            return select(select, scope, locals);
        } else if (expr instanceof Expr.Call call) {
            return call(call, scope, locals);
        } else if (expr instanceof Expr.Index index) {
            String operand = infer(index.operand(), scope, locals);
            infer(index.index(), scope, locals);
            if (!operand.equals(DYN) && !operand.equals("list") && !operand.equals("map")) {
                diagnostics.error(index.span(), "cannot index " + article(operand) + " " + operand + " with [...]");
            }
            return DYN;
        } else if (expr instanceof Expr.CreateList list) {
            list.elements().forEach(e -> infer(e, scope, locals));
            return "list";
        } else if (expr instanceof Expr.CreateMap map) {
            map.entries().forEach(e -> {
                infer(e.key(), scope, locals);
                infer(e.value(), scope, locals);
            });
            return "map";
        } else if (expr instanceof Expr.Conditional c) {
            String condition = infer(c.condition(), scope, locals);
            expectBool(c.condition(), condition, "the condition of ?:");
            String a = infer(c.ifTrue(), scope, locals);
            String b = infer(c.ifFalse(), scope, locals);
            return a.equals(b) ? a : DYN;
        } else if (expr instanceof Expr.Unary unary) {
            String operand = infer(unary.operand(), scope, locals);
            if (unary.operator() == Expr.Operator.NOT) {
                expectBool(unary.operand(), operand, "the operand of !");
                return "bool";
            }
            if (!operand.equals(DYN) && !operand.equals("int") && !operand.equals("double") && !operand.equals("duration")) {
                diagnostics.error(unary.span(), "cannot negate " + article(operand) + " " + operand);
                return DYN;
            }
            return operand;
        } else if (expr instanceof Expr.Binary binary) {
            return binary(binary, scope, locals);
        } else if (expr instanceof Expr.Comprehension c) {
            String range = infer(c.range(), scope, locals);
            if (!range.equals(DYN) && !range.equals("list") && !range.equals("map")) {
                diagnostics.error(c.range().span(), c.macro() + "() needs a list or a map, not " + article(range) + " " + range);
            }
            Map<String, String> inner = new HashMap<>(locals);
            inner.put(c.variable(), DYN);
            if (c.filter() != null) {
                expectBool(c.filter(), infer(c.filter(), scope, inner), "the filter of map()");
            }
            String body = infer(c.body(), scope, inner);
            if (!c.macro().equals("map")) {
                expectBool(c.body(), body, "the predicate of " + c.macro() + "()");
            }
            return c.macro().equals("map") || c.macro().equals("filter") ? "list" : "bool";
        }
        // Every node the parser makes is handled above: a new one must be taught to the checker, not passed as dyn.
        throw new IllegalStateException("the checker does not know the expression node " + expr.getClass().getSimpleName());
    }

    private void expectBool(Expr at, String type, String what) {
        if (!type.equals(DYN) && !type.equals("bool")) {
            diagnostics.error(at.span(), what + " must be true or false, but this is " + article(type) + " " + type);
        }
    }

    private static String typeOfLiteral(Object value) {
        if (value instanceof Long) {
            return "int";
        } else if (value instanceof CelUInt) {
            return "uint";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof CelBytes) {
            return "bytes";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof CelNull) {
            return "null";
        } else if (value instanceof Duration) {
            return "duration";
        } else if (value instanceof Instant) {
            return "timestamp";
        }
        return DYN;
    }

    private String ident(Expr.Ident ident, Scope scope, Map<String, String> locals) {
        String name = ident.name();
        if (locals.containsKey(name)) {
            return locals.get(name);
        }
        if (scope.bare().containsKey(name)) {
            return scope.bare().get(name);
        }
        if (ROOTS.contains(name)) {
            if (name.equals("vars") || name.equals("steps")) {
                requireRuntime(ident, scope, name);
            }
            return "map";
        }
        if (TYPE_NAMES.contains(name)) {
            return "type";
        }
        List<String> candidates = new ArrayList<>(ROOTS);
        candidates.addAll(scope.bare().keySet());
        candidates.addAll(locals.keySet());
        String hint = scope.bare().isEmpty() ? "" : "; here you can use " + String.join(", ", scope.bare().keySet()) + ",";
        diagnostics.error(ident.span(), "unknown name '" + name + "' in " + scope.what()
                + Suggestions.didYouMean(name, candidates)
                + (hint.isEmpty() ? "" : hint + " or params., secrets., env., vars., steps."));
        return DYN;
    }

    private boolean requireRuntime(Expr at, Scope scope, String root) {
        if (!scope.runtimeNames()) {
            diagnostics.error(at.span(), root + " cannot be used in " + scope.what()
                    + ": it is read before any step runs (use params, secrets or env)");
            return false;
        }
        return true;
    }

    private String select(Expr.Select select, Scope scope, Map<String, String> locals) {
        if (select.operand() instanceof Expr.Ident root && ROOTS.contains(root.name())
                && !locals.containsKey(root.name()) && !scope.bare().containsKey(root.name())) {
            String type = rootField(select, root.name(), scope);
            return select.presenceTest() ? "bool" : type;
        }
        if (select.operand() instanceof Expr.Select inner && inner.operand() instanceof Expr.Ident root
                && root.name().equals("steps") && !locals.containsKey("steps") && !scope.bare().containsKey("steps")) {
            Step step = stepReference(inner, scope);
            if (step == null) {
                return DYN;
            }
            return select.presenceTest() ? "bool" : stepField(step, select, scope);
        }
        String operand = infer(select.operand(), scope, locals);
        if (!operand.equals(DYN) && !operand.equals("map")) {
            diagnostics.error(select.span(), "cannot select '." + select.field() + "' of " + article(operand) + " " + operand);
        }
        return select.presenceTest() ? "bool" : DYN;
    }

    private String rootField(Expr.Select select, String root, Scope scope) {
        String field = select.field();
        Runbook runbook = scope.runbook();
        switch (root) {
            case "params": {
                Runbook.Param param = runbook.param(field).orElse(null);
                if (param == null) {
                    diagnostics.error(select.span(), "unknown param '" + field + "'"
                            + Suggestions.didYouMean(field, runbook.params().stream().map(Runbook.Param::name).toList())
                            + (runbook.params().isEmpty() ? ": the runbook declares no params" : ""));
                    return DYN;
                }
                return param.type().label();
            }
            case "secrets": {
                if (runbook.secrets().stream().noneMatch(s -> s.name().equals(field))) {
                    diagnostics.error(select.span(), "unknown secret '" + field + "'"
                            + Suggestions.didYouMean(field, runbook.secrets().stream().map(Runbook.Secret::name).toList())
                            + (runbook.secrets().isEmpty() ? ": the runbook declares no secrets" : ""));
                    return DYN;
                }
                return "string";
            }
            case "env":
                return "string";
            case "vars": {
                if (!requireRuntime(select, scope, "vars")) {
                    return DYN;
                }
                if (!scope.vars().contains(field)) {
                    String capturer = scope.capturedLater().get(field);
                    if (capturer != null) {
                        diagnostics.error(select.span(), "vars." + field + " is captured by step '" + capturer
                                + "', which does not run before " + scope.what());
                    } else {
                        diagnostics.error(select.span(), "vars." + field + " is never captured"
                                + Suggestions.didYouMean(field, scope.vars()));
                    }
                }
                return DYN;
            }
            default: {
                if (!requireRuntime(select, scope, "steps")) {
                    return DYN;
                }
                stepReference(select, scope);
                return "map";
            }
        }
    }

    /** The step that steps.ID names, if it runs before this place; else an error and null. */
    private Step stepReference(Expr.Select stepsDotId, Scope scope) {
        String id = stepsDotId.field();
        Step step = scope.earlierSteps().get(id);
        if (step != null) {
            return step;
        }
        if (scope.allSteps().containsKey(id)) {
            diagnostics.error(stepsDotId.span(), "steps." + id + " refers to a step that runs later than "
                    + scope.what() + ": a step can only read the results of steps before it");
        } else {
            diagnostics.error(stepsDotId.span(), "no step '" + id + "'" + Suggestions.didYouMean(id, scope.allSteps().keySet()));
        }
        return null;
    }

    private String stepField(Step step, Expr.Select select, Scope scope) {
        String field = select.field();
        if (field.equals("status")) {
            return "string";
        }
        if (step.action() == null) {
            return DYN;
        }
        List<ResultField> fields = kinds.find(step.action().kind())
                .map(k -> k.descriptor().results()).orElse(List.of());
        for (ResultField f : fields) {
            if (f.name().equals(field)) {
                return step.forEach() != null ? DYN : normalize(f.celType());
            }
        }
        if (step.forEach() != null && field.equals("results")) {
            return "list";
        }
        List<String> names = new ArrayList<>(fields.stream().map(ResultField::name).toList());
        names.add("status");
        diagnostics.error(select.span(), "step '" + step.id() + "' (" + step.action().kind() + ") has no field '"
                + field + "'" + Suggestions.didYouMean(field, names) + "; its fields: " + String.join(", ", names));
        return DYN;
    }

    private String call(Expr.Call call, Scope scope, Map<String, String> locals) {
        String receiver = call.target() == null ? null : infer(call.target(), scope, locals);
        List<String> args = new ArrayList<>();
        call.args().forEach(a -> args.add(infer(a, scope, locals)));
        String name = call.function();
        if (!functions.has(name)) {
            List<String> known = new ArrayList<>(functions.names());
            known.addAll(dev.runbook.syntax.ExpressionBuilder.MACRO_NAMES);
            diagnostics.error(call.span(), "unknown function '" + name + "'" + Suggestions.didYouMean(name, known)
                    + (name.equals("env") ? ": use env.NAME" : ""));
            return DYN;
        }
        // What the function's one declaration says: the types its operand may have, and its result's.
        FunctionRegistry.Signature signature = functions.declaration(name).orElseThrow().signature();
        String operand = receiver != null ? receiver : args.isEmpty() ? DYN : args.get(0);
        List<String> accepted = signature.operands();
        if (!accepted.isEmpty() && !operand.equals(DYN) && !accepted.contains(operand)) {
            String types = accepted.size() == 1 ? accepted.get(0)
                    : String.join(", ", accepted.subList(0, accepted.size() - 1)) + " or " + accepted.get(accepted.size() - 1);
            diagnostics.error(call.span(), name + "() applies to " + article(accepted.get(0)) + " " + types + ", not "
                    + article(operand) + " " + operand);
        }
        return signature.result();
    }

    private String binary(Expr.Binary b, Scope scope, Map<String, String> locals) {
        String left = infer(b.left(), scope, locals);
        String right = infer(b.right(), scope, locals);
        boolean known = !left.equals(DYN) && !right.equals(DYN);
        switch (b.operator()) {
            case AND, OR -> {
                expectBool(b.left(), left, "each side of " + b.operator().symbol());
                expectBool(b.right(), right, "each side of " + b.operator().symbol());
                return "bool";
            }
            case EQ, NE -> {
                if (known && !left.equals(right) && !(NUMERIC.contains(left) && NUMERIC.contains(right))
                        && !left.equals("null") && !right.equals("null")) {
                    diagnostics.error(b.span(), "compares " + article(left) + " " + left + " with " + article(right) + " "
                            + right + ": never equal" + conversionHint(left, right));
                }
                return "bool";
            }
            case LT, LE, GT, GE -> {
                if (known && !(NUMERIC.contains(left) && NUMERIC.contains(right)) && !(left.equals(right) && ORDERED.contains(left))) {
                    diagnostics.error(b.span(), "cannot order " + article(left) + " " + left + " and " + article(right) + " "
                            + right + " with " + b.operator().symbol() + conversionHint(left, right));
                }
                return "bool";
            }
            case IN -> {
                if (!right.equals(DYN) && !right.equals("list") && !right.equals("map")) {
                    diagnostics.error(b.right().span(), "'in' needs a list or a map on its right, not " + article(right) + " " + right);
                }
                return "bool";
            }
            default -> {
                return arithmetic(b, left, right);
            }
        }
    }

    private static String conversionHint(String left, String right) {
        if (Set.of(left, right).equals(Set.of("int", "string"))) {
            return " (write the number without quotes, or convert with int() or string())";
        }
        if (Set.of(left, right).equals(Set.of("duration", "int")) || Set.of(left, right).equals(Set.of("duration", "double"))) {
            return " (write a duration such as 2s or 500ms)";
        }
        return "";
    }

    private String arithmetic(Expr.Binary b, String left, String right) {
        if (left.equals(DYN) || right.equals(DYN)) {
            return DYN;
        }
        String op = b.operator().symbol();
        String result = null;
        if (left.equals(right) && NUMERIC.contains(left)) {
            result = left;
        } else if (b.operator() == Expr.Operator.ADD && left.equals(right) && Set.of("string", "bytes", "list", "duration").contains(left)) {
            result = left;
        } else if (b.operator() == Expr.Operator.ADD && Set.of(left, right).equals(Set.of("timestamp", "duration"))) {
            result = "timestamp";
        } else if (b.operator() == Expr.Operator.SUB && left.equals("duration") && right.equals("duration")) {
            result = "duration";
        } else if (b.operator() == Expr.Operator.SUB && left.equals("timestamp")
                && (right.equals("duration") || right.equals("timestamp"))) {
            result = right.equals("duration") ? "timestamp" : "duration";
        }
        if (result == null || b.operator() == Expr.Operator.MOD && result.equals("double")) {
            String hint = NUMERIC.contains(left) && NUMERIC.contains(right)
                    ? " (CEL does not mix number types: convert one side with int(), uint() or double())" : "";
            diagnostics.error(b.span(), "cannot apply " + op + " to " + article(left) + " " + left + " and "
                    + article(right) + " " + right + hint);
            return DYN;
        }
        return result;
    }
}
