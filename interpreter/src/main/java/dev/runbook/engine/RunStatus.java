package dev.runbook.engine;

/** How a run ended, as cli-and-audit.md names it, with the exit code that goes with it. */
public enum RunStatus {
    PASSED("passed", ExitCode.OK),
    FAILED("failed", ExitCode.STEP_FAILED),
    NEEDS_ANSWER("needs-answer", ExitCode.NEEDS_ANSWER),
    DENIED("denied", ExitCode.NEEDS_ANSWER),
    INTERRUPTED("interrupted", ExitCode.INTERRUPTED),
    /** Worse than a failure: what the run changed could not be undone. */
    ROLLBACK_FAILED("rollback-failed", ExitCode.ROLLBACK_FAILED);

    private final String label;
    private final ExitCode exitCode;

    RunStatus(String label, ExitCode exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    /** As the audit log, JSON and the summary write it. */
    public String label() {
        return label;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
