package dev.runbook.expr;

import java.util.List;

import static dev.runbook.expr.FunctionRegistry.Signature.returns;
import static dev.runbook.expr.FunctionRegistry.Style.BOTH;
import static dev.runbook.expr.FunctionRegistry.Style.GLOBAL;
import static dev.runbook.expr.FunctionRegistry.Style.RECEIVER;

/** The runbook extensions over lists and JSON: min, max, sum, join, json. */
final class CollectionFunctions {
    private CollectionFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.define("min", BOTH, returns("dyn"), args -> extreme("min", args, -1));
        r.define("max", BOTH, returns("dyn"), args -> extreme("max", args, 1));
        r.define("sum", BOTH, returns("dyn"), args -> {
            List<?> list = list("sum", args);
            Object total = 0L;
            boolean first = true;
            for (Object element : list) {
                total = first ? element : Arithmetic.add(total, element);
                first = false;
            }
            if (!first && !(Values.isNumber(total) || total instanceof java.time.Duration)) {
                throw FunctionRegistry.overload("sum", args);
            }
            return total;
        });
        r.define("join", RECEIVER, returns("string").on("list"), args -> {
            if (args.size() != 2 || !(args.get(0) instanceof List<?> list) || !(args.get(1) instanceof String sep)) {
                throw FunctionRegistry.overload("join", args);
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw FunctionRegistry.overload("join", args);
                }
                out.append(i == 0 ? "" : sep).append(s);
            }
            return out.toString();
        });
        r.define("json", GLOBAL, returns("dyn"), args -> {
            if (args.size() != 1 || !(args.get(0) instanceof String text)) {
                throw FunctionRegistry.overload("json", args);
            }
            try {
                return JavaValues.toCel(dev.runbook.stdlib.Json.parse(text));
            } catch (dev.runbook.stdlib.Json.JsonException e) {
                throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, e.getMessage());
            }
        });
    }

    private static List<?> list(String name, List<Object> args) {
        if (args.size() != 1 || !(args.get(0) instanceof List<?> list)) {
            throw FunctionRegistry.overload(name, args);
        }
        return list;
    }

    private static Object extreme(String name, List<Object> args, int sign) {
        List<?> list = list(name, args);
        if (list.isEmpty()) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, name + "() of an empty list");
        }
        Object best = list.get(0);
        for (Object element : list) {
            if (Values.compare(element, best, name) * sign > 0) {
                best = element;
            }
        }
        return best;
    }
}
