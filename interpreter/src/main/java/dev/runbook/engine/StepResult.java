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
 */
public record StepResult(String id, String title, StepStatus status, String summary, String reason,
                         List<String> explanation, Duration elapsed, Map<String, Object> fields,
                         Step.Severity severity, int attempts, String neededFlag, Map<String, Object> captures,
                         String hint) {
    public StepResult {
        explanation = List.copyOf(explanation);
        captures = Map.copyOf(captures);
    }

    public StepResult(String id, String title, StepStatus status, String summary, String reason, List<String> explanation,
                      Duration elapsed, Map<String, Object> fields, Step.Severity severity, int attempts,
                      String neededFlag, Map<String, Object> captures) {
        this(id, title, status, summary, reason, explanation, elapsed, fields, severity, attempts, neededFlag, captures, null);
    }

    public StepResult withHint(String text) {
        return new StepResult(id, title, status, summary, reason, explanation, elapsed, fields, severity, attempts,
                neededFlag, captures, text);
    }
}
