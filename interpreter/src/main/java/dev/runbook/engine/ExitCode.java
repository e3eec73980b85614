package dev.runbook.engine;

/** The exit codes of cli-and-audit.md, in one place: every command and every run ends with one of these. */
public enum ExitCode {
    /** Everything passed (or, for check, no errors). */
    OK(0),
    /** A step failed and the run failed with it. */
    STEP_FAILED(1),
    /** The runbook or the command line is invalid: nothing ran. */
    INVALID(2),
    /** An answer or an approval was needed and not given, or it was denied. */
    NEEDS_ANSWER(3),
    /** SIGINT, SIGTERM or quitting at --step: the run can be resumed. */
    INTERRUPTED(4),
    /** The audit log could not be written: nothing runs without it. */
    AUDIT_FAILED(5),
    /** A rollback failed: the system may be half-changed and a person must look. */
    ROLLBACK_FAILED(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
