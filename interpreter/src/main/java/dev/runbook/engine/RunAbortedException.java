package dev.runbook.engine;

/** The run cannot start: invalid params, an unreadable params file. The message is for the operator. */
public final class RunAbortedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunAbortedException(String message) {
        super(message, null, false, false);
    }
}
