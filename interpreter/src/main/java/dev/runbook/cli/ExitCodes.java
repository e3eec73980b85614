package dev.runbook.cli;

/** The exit codes of cli-and-audit.md, in one place. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int STEP_FAILED = 1;
    public static final int INVALID = 2;
    public static final int NEEDS_ANSWER = 3;
    public static final int INTERRUPTED = 4;
    public static final int AUDIT_FAILED = 5;
    public static final int ROLLBACK_FAILED = 6;

    private ExitCodes() {
    }
}
