package dev.runbook.engine;

import dev.runbook.model.Step;

import java.util.List;
import java.util.Map;

/**
 * The end of a run: its status (passed, failed, needs-answer, denied, invalid), the exit code that goes with
 * it, every step's result in order, the rollbacks that ran, the captured vars, and for a dry-run the SHA-256 of
 * the plan. shownCaptures are the vars as a report may show them: plain values, secrets masked, long texts cut.
 */
public record RunResult(String runId, RunStatus outcome, List<StepResult> steps,
                        List<StepResult> rollbacks, Step.Severity highestSeverity, Map<String, Object> vars,
                        String planDigest, java.util.Set<String> ignored, Map<String, Object> shownCaptures) {
    public RunResult {
        steps = List.copyOf(steps);
        rollbacks = List.copyOf(rollbacks);
        ignored = java.util.Set.copyOf(ignored);
    }

    public RunResult(String runId, RunStatus outcome, List<StepResult> steps, List<StepResult> rollbacks,
                     Step.Severity highestSeverity, Map<String, Object> vars, String planDigest) {
        this(runId, outcome, steps, rollbacks, highestSeverity, vars, planDigest, java.util.Set.of(), Map.of());
    }

    /** The status as the audit log, JSON and the summary write it: passed, failed, needs-answer... */
    public String status() {
        return outcome.label();
    }

    public int exitCode() {
        return outcome.exitCode().code();
    }

    /** A failure the author tolerated (on_failure: ignore): reported, not failing the run. */
    public boolean ignoredFailure(StepResult step) {
        return step.status().isFailure() && ignored.contains(step.id());
    }
}
