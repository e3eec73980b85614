package dev.runbook.expr;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The functions an expression may call, by name, each callable globally, as a receiver method, or both. */
public final class FunctionRegistry {

    /** A function's body; for a receiver call the receiver is the first argument. */
    @FunctionalInterface
    public interface Body {
        Object apply(List<Object> args);
    }

    /** How a function may be called. */
    public enum Style { GLOBAL, RECEIVER, BOTH }

    record Function(String name, Style style, Body body) {
    }

    private final Map<String, Function> functions = new TreeMap<>();

    public FunctionRegistry define(String name, Style style, Body body) {
        functions.put(name, new Function(name, style, body));
        return this;
    }

    public boolean has(String name) {
        return functions.containsKey(name);
    }

    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }

    Object call(String name, boolean receiverStyle, List<Object> args) {
        Function function = functions.get(name);
        if (function == null
                || receiverStyle && function.style() == Style.GLOBAL
                || !receiverStyle && function.style() == Style.RECEIVER) {
            throw new EvalException("unbound function: " + name);
        }
        return function.body().apply(args);
    }

    /** CEL's standard functions and the runbook extensions. */
    public static FunctionRegistry standard(java.time.Clock clock) {
        FunctionRegistry registry = new FunctionRegistry();
        ConversionFunctions.register(registry);
        StringFunctions.register(registry);
        TimeFunctions.register(registry, clock);
        CollectionFunctions.register(registry);
        return registry;
    }

    static EvalException overload(String name, List<Object> args) {
        return EvalException.noSuchOverload(name, args.toArray());
    }
}
