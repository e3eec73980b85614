package dev.runbook.expr;

import java.util.Map;

/** The names an expression can see. {@link #resolve} answers Java null for a name it does not have. */
@FunctionalInterface
public interface Activation {
    Object resolve(String name);

    Activation EMPTY = name -> null;

    static Activation of(Map<String, ?> values) {
        return values::get;
    }

    /** A scope with one more name (a macro's loop variable) in front of this one. */
    default Activation with(String name, Object value) {
        Activation outer = this;
        return n -> n.equals(name) ? value : outer.resolve(n);
    }
}
