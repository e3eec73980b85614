package dev.runbook.engine;

import dev.runbook.model.Step;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one step did.
 *
 * @param summary     the concrete action in short ("GET http://… → 200", "exit 0"), secrets redacted
 * @param reason      for a failure, one line saying why; else null
 * @param explanation for a failed expectation, the expectation and the values of its parts
 * @param fields      the result fields (CEL values) as later steps see them under steps.ID
 * @param neededFlag  when an answer was needed and not given, the flag that would give it
 * @param captures    the vars this step captured (recorded in the audit log, so that a resumed run has them)
 * @param hint        for a failure, the step's hint rendered (what to do next); else null
 * @param output      what the action returned, as its kind shows it (the tail of a command's output, the first
 *                    rows, the start of a body), redacted and bounded: --verbose prints it, JSON carries it
 * @param shown       the result fields a report shows whole (numbers, booleans, durations in ms, short texts), redacted
 */
public record StepResult(String id, String title, StepStatus status, String summary, String reason,
                         List<String> explanation, Duration elapsed, Map<String, Object> fields,
                         Step.Severity severity, int attempts, String neededFlag, Map<String, Object> captures,
                         String hint, List<String> output, Map<String, Object> shown) {
    public StepResult {
        explanation = List.copyOf(explanation);
        captures = Map.copyOf(captures);
        output = List.copyOf(output);
        shown = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shown));
    }

    public StepResult(String id, String title, StepStatus status, String summary, String reason, List<String> explanation,
                      Duration elapsed, Map<String, Object> fields, Step.Severity severity, int attempts,
                      String neededFlag, Map<String, Object> captures) {
        this(id, title, status, summary, reason, explanation, elapsed, fields, severity, attempts, neededFlag, captures,
                null, List.of(), Map.of());
    }

    /** A step that did not run its action (carried over, skipped, not run, decided): no fields, no time taken. */
    public static StepResult without(Step step, StepStatus status, String summary) {
        return new StepResult(step.id(), step.displayTitle(), status, summary, null, List.of(), Duration.ZERO, Map.of(),
                step.severity(), 0, null, Map.of());
    }

    /** A step or rollback that ended in an error outside its action (out of memory, no decision). */
    public static StepResult error(Step step, String title, String summary, String reason, String neededFlag) {
        return new StepResult(step.id(), title, StepStatus.ERRORED, summary, reason, List.of(), Duration.ZERO, Map.of(),
                step.severity(), 1, neededFlag, Map.of());
    }

    public StepResult withAttempts(int count) {
        return new StepResult(id, title, status, summary, reason, explanation, elapsed, fields, severity, count,
                neededFlag, captures, hint, output, shown);
    }

    public StepResult withHint(String text) {
        return new StepResult(id, title, status, summary, reason, explanation, elapsed, fields, severity, attempts,
                neededFlag, captures, text, output, shown);
    }

    public StepResult withOutput(List<String> lines, Map<String, Object> shownFields) {
        return new StepResult(id, title, status, summary, reason, explanation, elapsed, fields, severity, attempts,
                neededFlag, captures, hint, lines, shownFields);
    }
}
