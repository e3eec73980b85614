package dev.runbook.engine;

/** How a step ended, as language.md §3 names it. */
public enum StepStatus {
    PASSED("✓"), FAILED("✗"), ERRORED("!"), SKIPPED("-"), DENIED("⊘"), NOT_RUN(" "), PLANNED("•");

    private final String mark;

    StepStatus(String mark) {
        this.mark = mark;
    }

    public String mark() {
        return mark;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public boolean isFailure() {
        return this == FAILED || this == ERRORED || this == DENIED;
    }
}
