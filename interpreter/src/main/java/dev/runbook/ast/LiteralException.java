package dev.runbook.ast;

/**
 * A literal that is not one (a duration such as "30x"), or out of range. The parser reports it as a syntax
 * error; the evaluator turns it into an evaluation error of the same kind.
 */
public final class LiteralException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean outOfRange;

    public LiteralException(String message, boolean outOfRange) {
        super(message, null, false, false);
        this.outOfRange = outOfRange;
    }

    /** True when the literal is well formed but too large (an overflow), false when it is malformed. */
    public boolean outOfRange() {
        return outOfRange;
    }
}
