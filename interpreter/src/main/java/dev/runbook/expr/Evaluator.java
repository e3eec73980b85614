package dev.runbook.expr;

import dev.runbook.ast.Expr;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Expr.Binary;
import dev.runbook.ast.Expr.Call;
import dev.runbook.ast.Expr.Comprehension;
import dev.runbook.ast.Expr.Conditional;
import dev.runbook.ast.Expr.CreateList;
import dev.runbook.ast.Expr.CreateMap;
import dev.runbook.ast.Expr.Ident;
import dev.runbook.ast.Expr.Index;
import dev.runbook.ast.Expr.Literal;
import dev.runbook.ast.Expr.Select;
import dev.runbook.ast.Expr.Unary;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link Expr} with CEL's semantics: errors are values that {@code &&}, {@code ||}, {@code all}
 * and {@code exists} absorb when the other side decides; everything else propagates them.
 */
public final class Evaluator {
    private static final Map<String, CelType> TYPE_NAMES = Map.ofEntries(
            Map.entry("int", CelType.INT), Map.entry("uint", CelType.UINT), Map.entry("double", CelType.DOUBLE),
            Map.entry("string", CelType.STRING), Map.entry("bytes", CelType.BYTES), Map.entry("bool", CelType.BOOL),
            Map.entry("null_type", CelType.NULL), Map.entry("list", CelType.LIST), Map.entry("map", CelType.MAP),
            Map.entry("type", CelType.TYPE),
            Map.entry("google.protobuf.Duration", CelType.DURATION),
            Map.entry("google.protobuf.Timestamp", CelType.TIMESTAMP));

    private final FunctionRegistry functions;

    public Evaluator(FunctionRegistry functions) {
        this.functions = functions;
    }

    public static Evaluator standard() {
        return new Evaluator(FunctionRegistry.standard(Clock.systemUTC()));
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /** The value of the expression; throws {@link EvalException} when it evaluates to an error. */
    public Object evaluate(Expr expr, Activation activation) {
        return eval(expr, activation);
    }

    private Object eval(Expr expr, Activation scope) {
        if (expr instanceof Literal literal) {
            return literal.value();
        } else if (expr instanceof Ident ident) {
            return identifier(ident.name(), scope);
        } else if (expr instanceof Select select) {
            return select(select, scope);
        } else if (expr instanceof Binary binary) {
            return binary(binary, scope);
        } else if (expr instanceof Unary unary) {
            return unary(unary, scope);
        } else if (expr instanceof Call call) {
            return call(call, scope);
        } else if (expr instanceof Index index) {
            return index(eval(index.operand(), scope), eval(index.index(), scope));
        } else if (expr instanceof Conditional conditional) {
            Object condition = eval(conditional.condition(), scope);
            if (!(condition instanceof Boolean b)) {
                throw EvalException.noSuchOverload("_?_:_", condition);
            }
            return eval(b ? conditional.ifTrue() : conditional.ifFalse(), scope);
        } else if (expr instanceof CreateList list) {
            List<Object> values = new ArrayList<>(list.elements().size());
            for (Expr element : list.elements()) {
                values.add(eval(element, scope));
            }
            return values;
        } else if (expr instanceof CreateMap map) {
            List<Object> keys = new ArrayList<>(map.entries().size());
            List<Object> values = new ArrayList<>(map.entries().size());
            for (Expr.Entry entry : map.entries()) {
                keys.add(eval(entry.key(), scope));
                values.add(eval(entry.value(), scope));
            }
            return MapKeys.build(keys, values);
        } else if (expr instanceof Comprehension comprehension) {
            return comprehension(comprehension, scope);
        }
        throw new IllegalStateException("unknown expression node " + expr);
    }

    private Object identifier(String name, Activation scope) {
        Object value = scope.resolve(name);
        if (value != null) {
            return value;
        }
        CelType type = TYPE_NAMES.get(name);
        if (type != null) {
            return type;
        }
        throw new EvalException(EvalException.Kind.UNDECLARED_REFERENCE, "undeclared reference to '" + name + "'");
    }

    /** "a.b.c" when the select chain is made of plain names only, else null. */
    static String qualifiedName(Expr expr) {
        if (expr instanceof Ident ident) {
            return ident.name();
        }
        if (expr instanceof Select select && !select.presenceTest()) {
            String operand = qualifiedName(select.operand());
            return operand == null ? null : operand + "." + select.field();
        }
        return null;
    }

    private Object select(Select select, Activation scope) {
        if (!select.presenceTest()) {
            String qualified = qualifiedName(select);
            if (qualified != null) {
                Object bound = scope.resolve(qualified);
                if (bound != null) {
                    return bound;
                }
                CelType type = TYPE_NAMES.get(qualified);
                if (type != null) {
                    return type;
                }
            }
        }
        Object operand = eval(select.operand(), scope);
        if (operand instanceof Map<?, ?> map) {
            Object value = map.get(select.field());
            if (select.presenceTest()) {
                return value != null;
            }
            if (value == null) {
                throw new EvalException(EvalException.Kind.NO_SUCH_KEY, "no such key: " + select.field());
            }
            return value;
        }
        throw new EvalException(EvalException.Kind.NO_SUCH_FIELD, "type '" + Values.typeOf(operand).name() + "' does not support field selection");
    }

    private Object binary(Binary binary, Activation scope) {
        switch (binary.operator()) {
            case AND:
                return logical(binary, scope, false);
            case OR:
                return logical(binary, scope, true);
            default:
                break;
        }
        Object left = eval(binary.left(), scope);
        Object right = eval(binary.right(), scope);
        switch (binary.operator()) {
            case EQ:
                return Values.equal(left, right);
            case NE:
                return !Values.equal(left, right);
            case LT:
                return !isNaN(left, right) && Values.compare(left, right, "_<_") < 0;
            case LE:
                return !isNaN(left, right) && Values.compare(left, right, "_<=_") <= 0;
            case GT:
                return !isNaN(left, right) && Values.compare(left, right, "_>_") > 0;
            case GE:
                return !isNaN(left, right) && Values.compare(left, right, "_>=_") >= 0;
            case IN:
                return in(left, right);
            case ADD:
                return Arithmetic.add(left, right);
            case SUB:
                return Arithmetic.subtract(left, right);
            case MUL:
                return Arithmetic.multiply(left, right);
            case DIV:
                return Arithmetic.divide(left, right);
            case MOD:
                return Arithmetic.modulo(left, right);
            default:
                throw new IllegalStateException("not a binary operator: " + binary.operator());
        }
    }

    private static boolean isNaN(Object left, Object right) {
        boolean nan = left instanceof Double l && l.isNaN() || right instanceof Double r && r.isNaN();
        return nan && Values.isNumber(left) && Values.isNumber(right);
    }

    /** && and || with CEL's commutative error absorption. */
    private Object logical(Binary binary, Activation scope, boolean decidingValue) {
        String name = decidingValue ? "_||_" : "_&&_";
        Object left;
        EvalException leftError = null;
        try {
            left = eval(binary.left(), scope);
            if (left instanceof Boolean b) {
                if (b == decidingValue) {
                    return decidingValue;
                }
            } else {
                leftError = EvalException.noSuchOverload(name, left);
            }
        } catch (EvalException e) {
            leftError = e;
        }
        Object right = eval(binary.right(), scope);
        if (right instanceof Boolean b) {
            if (b == decidingValue) {
                return decidingValue;
            }
            if (leftError != null) {
                throw leftError;
            }
            return !decidingValue;
        }
        if (leftError != null) {
            throw leftError;
        }
        throw EvalException.noSuchOverload(name, right);
    }

    private static boolean in(Object element, Object container) {
        if (container instanceof List<?> list) {
            for (Object candidate : list) {
                if (Values.equal(element, candidate)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            return MapKeys.contains(map, element);
        }
        throw EvalException.noSuchOverload("@in", element, container);
    }

    private Object unary(Unary unary, Activation scope) {
        Object operand = eval(unary.operand(), scope);
        if (unary.operator() == Expr.Operator.NOT) {
            if (operand instanceof Boolean b) {
                return !b;
            }
            throw EvalException.noSuchOverload("!_", operand);
        }
        return Arithmetic.negate(operand);
    }

    private Object call(Call call, Activation scope) {
        List<Object> args = new ArrayList<>(call.args().size() + 1);
        if (call.target() != null) {
            args.add(eval(call.target(), scope));
        }
        for (Expr arg : call.args()) {
            args.add(eval(arg, scope));
        }
        return functions.call(call.function(), call.target() != null, args);
    }

    static Object index(Object operand, Object index) {
        if (operand instanceof List<?> list) {
            long position;
            if (index instanceof Long l) {
                position = l;
            } else if (index instanceof CelUInt u) {
                position = u.bits() < 0 ? Long.MAX_VALUE : u.bits();
            } else if (index instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                position = d.longValue();
            } else {
                throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "invalid_argument: list index of type " + Values.typeOf(index).name());
            }
            if (position < 0 || position >= list.size()) {
                throw new EvalException(EvalException.Kind.INDEX_OUT_OF_RANGE, "index out of range: " + position);
            }
            return list.get((int) position);
        }
        if (operand instanceof Map<?, ?> map) {
            if (!(index instanceof Double)) {
                MapKeys.checkKeyType(index);
            }
            Object value = MapKeys.lookup(map, index);
            if (value == null) {
                throw new EvalException(EvalException.Kind.NO_SUCH_KEY, "no such key: " + Values.format(index));
            }
            return value;
        }
        throw EvalException.noSuchOverload("_[_]", operand, index);
    }

    private Object comprehension(Comprehension c, Activation scope) {
        Object range = eval(c.range(), scope);
        List<?> elements;
        if (range instanceof List<?> list) {
            elements = list;
        } else if (range instanceof Map<?, ?> map) {
            elements = new ArrayList<>(map.keySet());
        } else {
            throw EvalException.noSuchOverload(c.macro(), range);
        }
        switch (c.macro()) {
            case "all":
            case "exists": {
                boolean deciding = c.macro().equals("exists");
                EvalException error = null;
                for (Object element : elements) {
                    try {
                        Object result = eval(c.body(), element(c, scope, element));
                        if (!(result instanceof Boolean b)) {
                            throw EvalException.noSuchOverload(c.macro(), result);
                        }
                        if (b == deciding) {
                            return deciding;
                        }
                    } catch (EvalException e) {
                        error = e;
                    }
                }
                if (error != null) {
                    throw error;
                }
                return !deciding;
            }
            case "exists_one": {
                int count = 0;
                for (Object element : elements) {
                    Object result = eval(c.body(), element(c, scope, element));
                    if (!(result instanceof Boolean b)) {
                        throw EvalException.noSuchOverload(c.macro(), result);
                    }
                    if (b) {
                        count++;
                    }
                }
                return count == 1;
            }
            case "map": {
                List<Object> out = new ArrayList<>();
                for (Object element : elements) {
                    Activation inner = element(c, scope, element);
                    if (c.filter() != null) {
                        Object keep = eval(c.filter(), inner);
                        if (!(keep instanceof Boolean b)) {
                            throw EvalException.noSuchOverload("map", keep);
                        }
                        if (!b) {
                            continue;
                        }
                    }
                    out.add(eval(c.body(), inner));
                }
                return out;
            }
            case "filter": {
                List<Object> out = new ArrayList<>();
                for (Object element : elements) {
                    Object keep = eval(c.body(), element(c, scope, element));
                    if (!(keep instanceof Boolean b)) {
                        throw EvalException.noSuchOverload("filter", keep);
                    }
                    if (b) {
                        out.add(element);
                    }
                }
                return out;
            }
            default:
                throw new IllegalStateException("unknown macro " + c.macro());
        }
    }

    /**
     * The scope of one element of a comprehension. A run that was told to stop (SIGINT, SIGTERM) ends a long one
     * here instead of finishing it.
     */
    private static Activation element(Comprehension c, Activation scope, Object element) {
        if (Thread.currentThread().isInterrupted()) {
            throw new EvalException(EvalException.Kind.INTERRUPTED, "interrupted");
        }
        return scope.with(c.variable(), element);
    }
}
