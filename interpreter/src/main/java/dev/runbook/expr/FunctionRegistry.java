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

    /**
     * What the checker knows of a function: the types its operand (the receiver, or the first argument of a global
     * call) may have, empty for any, and the type of its result ("dyn" when it depends on the arguments).
     */
    public record Signature(List<String> operands, String result) {
        public Signature {
            operands = List.copyOf(operands);
        }

        public static Signature returns(String result) {
            return new Signature(List.of(), result);
        }

        public Signature on(String... types) {
            return new Signature(List.of(types), result);
        }
    }

    /** One function, declared once: its name, how it is called, its signature and its body. */
    public record Declaration(String name, Style style, Signature signature, Body body) {
    }

    private final Map<String, Declaration> functions = new TreeMap<>();

    public FunctionRegistry define(String name, Style style, Signature signature, Body body) {
        functions.put(name, new Declaration(name, style, signature, body));
        return this;
    }

    public boolean has(String name) {
        return functions.containsKey(name);
    }

    /** The function of that name, as the checker reads it. */
    public java.util.Optional<Declaration> declaration(String name) {
        return java.util.Optional.ofNullable(functions.get(name));
    }

    public java.util.Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }

    Object call(String name, boolean receiverStyle, List<Object> args) {
        Declaration function = functions.get(name);
        if (function == null
                || receiverStyle && function.style() == Style.GLOBAL
                || !receiverStyle && function.style() == Style.RECEIVER) {
            throw new EvalException(EvalException.Kind.UNBOUND_FUNCTION, "unbound function: " + name);
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
