package dev.runbook.expr;

/**
 * A CEL evaluation error. Errors are values in CEL (absorbed by && and ||), so they travel as this exception
 * without a stack trace: it is control flow, not a bug report.
 */
public final class EvalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvalException(String message) {
        super(message, null, false, false);
    }

    public static EvalException noSuchOverload(String function, Object... args) {
        StringBuilder types = new StringBuilder();
        for (Object arg : args) {
            if (types.length() > 0) {
                types.append(", ");
            }
            types.append(Values.typeOf(arg).name());
        }
        return new EvalException("no such overload: " + function + "(" + types + ")");
    }
}
