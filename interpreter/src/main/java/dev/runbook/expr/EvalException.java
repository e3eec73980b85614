package dev.runbook.expr;

/**
 * A CEL evaluation error. Errors are values in CEL (absorbed by && and ||), so they travel as this exception
 * without a stack trace: it is control flow, not a bug report.
 */
public final class EvalException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    /** What went wrong, for code that must tell errors apart (never by their message). */
    public enum Kind {
        NO_MATCHING_OVERLOAD, UNBOUND_FUNCTION, UNDECLARED_REFERENCE, NO_SUCH_KEY, NO_SUCH_FIELD, INDEX_OUT_OF_RANGE,
        DIVIDE_BY_ZERO, OVERFLOW, INVALID_ARGUMENT, INTERRUPTED
    }

    private final Kind kind;

    public EvalException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** A literal made at run time (duration("30x"), a sum past the range): its problem as an evaluation error. */
    public static <T> T literal(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (dev.runbook.ast.LiteralException e) {
            throw new EvalException(e.outOfRange() ? Kind.OVERFLOW : Kind.INVALID_ARGUMENT, e.getMessage());
        }
    }

    public Kind kind() {
        return kind;
    }

    public static EvalException noSuchOverload(String function, Object... args) {
        StringBuilder types = new StringBuilder();
        for (Object arg : args) {
            if (types.length() > 0) {
                types.append(", ");
            }
            types.append(Values.typeOf(arg).name());
        }
        return new EvalException(EvalException.Kind.NO_MATCHING_OVERLOAD, "no such overload: " + function + "(" + types + ")");
    }
}
