package dev.runbook.engine;

import dev.runbook.expr.JavaValues;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.Texts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a step's life is written down: the audit log's step.started / step.finished (and rollback's), the
 * listener that prints it, and the results later steps read under steps.ID. One place, so that every path (run,
 * carried over, decided in doubt, skipped at --step) records a step alike.
 */
final class StepRecorder {
    private final RunState state;
    private final RunListener listener;

    StepRecorder(RunState state, RunListener listener) {
        this.state = state;
        this.listener = listener;
    }

    void started(Step step) {
        state.audit("step.started", step.id(), null, Map.of("title", step.displayTitle()));
        listener.stepStarted(step);
    }

    /** A step whose action ran (or failed to): its hint rendered under a failure, its fields visible to later steps. */
    StepResult finished(Step step, StepResult ran) {
        StepResult result = ran;
        if (result.status().isFailure() && step.hint() != null) {
            // What to do next, in the author's words, with the values of this failure filled in.
            Object hint = state.templates.lenientValue(new Value.Text(step.hint(), step.span()),
                    state.scope(new LinkedHashMap<>(result.fields())));
            result = result.withHint(state.redactor.redact(Texts.block(String.valueOf(hint))));
        }
        Map<String, Object> visible = new LinkedHashMap<>(result.fields());
        visible.put("status", result.status().label());
        if (state.mode != RunOptions.Mode.DRY_RUN) {
            // A plan has no results: conditions on them stay conditional instead of reading "planned".
            state.steps.put(step.id(), visible);
        }
        state.audit("step.finished", step.id(), result.status().label(), finishedDetail(result));
        listener.stepFinished(result);
        return result;
    }

    /**
     * A step whose action did not run this time (passed in the resumed run, outside --from / --only, skipped at
     * --step, decided in doubt): its status visible to later steps when {@code visible}, the given detail recorded.
     */
    StepResult settled(Step step, StepResult result, boolean visible, Map<String, Object> detail) {
        if (visible && state.mode != RunOptions.Mode.DRY_RUN) {
            state.steps.put(step.id(), Map.of("status", result.status().label()));
        }
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("action", result.summary());
        recorded.putAll(detail);
        state.audit("step.finished", step.id(), result.status().label(), recorded);
        listener.stepFinished(result);
        return result;
    }

    /** A step the run never reached (stopped before it): printed, not recorded. */
    StepResult notRun(Step step) {
        StepResult result = StepResult.without(step, StepStatus.NOT_RUN, "");
        listener.stepFinished(result);
        return result;
    }

    void rollbackStarted(Step step) {
        state.audit("rollback.started", step.id(), null, Map.of());
        listener.rollbackStarted(step);
    }

    void rollbackFinished(Step step, StepResult result) {
        state.audit("rollback.finished", step.id(), result.status().label(), finishedDetail(result));
        listener.rollbackFinished(step, result);
    }

    static Map<String, Object> finishedDetail(StepResult result) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("action", result.summary());
        detail.put("elapsed_ms", result.elapsed().toMillis());
        if (result.reason() != null) {
            detail.put("reason", result.reason());
        }
        if (result.hint() != null) {
            detail.put("hint", result.hint());
        }
        if (result.attempts() > 1) {
            detail.put("attempts", (long) result.attempts());
        }
        if (!result.captures().isEmpty()) {
            Map<String, Object> captures = new LinkedHashMap<>();
            result.captures().forEach((k, v) -> captures.put(k, JavaValues.toJava(v)));
            detail.put("captures", captures);
        }
        return detail;
    }
}
