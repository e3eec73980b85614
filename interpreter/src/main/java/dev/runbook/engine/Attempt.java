package dev.runbook.engine;

import dev.runbook.model.Step;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One attempt's or one element's outcome, before it becomes the step's result.
 *
 * @param severity the severity of what failed when the action knows it better than the step (a called runbook's
 *                 failing step), else null
 */
record Attempt(StepStatus status, String summary, String reason, List<String> explanation, Map<String, Object> fields,
               String neededFlag, Map<String, Object> captures, Step.Severity severity) {

    Attempt {
        explanation = List.copyOf(explanation);
    }

    static Attempt error(String reason) {
        return new Attempt(StepStatus.ERRORED, "", reason, List.of(), Map.of(), null, Map.of(), null);
    }

    static Attempt error(String summary, String reason, String neededFlag) {
        return new Attempt(StepStatus.ERRORED, summary, reason, List.of(), Map.of(), neededFlag, Map.of(), null);
    }

    static Attempt skipped(String summary) {
        return new Attempt(StepStatus.SKIPPED, summary, null, List.of(), Map.of(), null, Map.of(), null);
    }

    static Attempt passed(String summary, Map<String, Object> fields, Map<String, Object> captures) {
        return new Attempt(StepStatus.PASSED, summary, null, List.of(), fields, null, captures, null);
    }

    /** A judged outcome: passed with its captures, or failed or errored with why and the values of its parts. */
    static Attempt judged(StepStatus status, String summary, String reason, List<String> explanation,
                          Map<String, Object> fields, Map<String, Object> captures) {
        return new Attempt(status, summary, reason, explanation, fields, null, captures, null);
    }

    /**
     * The one way a step's (or a rollback's) result is made of an attempt: a step without a severity of its own
     * fails with the severity of what failed inside it; captures count only when it passed.
     */
    StepResult toResult(Step step, String title, Duration elapsed, int tries) {
        return new StepResult(step.id(), title, status, summary, reason, explanation, elapsed, fields,
                step.severity() != null ? step.severity() : severity, tries, neededFlag,
                status == StepStatus.PASSED ? captures : Map.of());
    }
}
