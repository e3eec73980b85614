package dev.runbook.engine;

import dev.runbook.expr.EvalException;
import dev.runbook.expr.JavaValues;
import dev.runbook.expr.Values;
import dev.runbook.model.Action;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one step: what the mode allows (a dry-run plans it, a rehearsal skips writes and approvals), its when,
 * then its action once or for each element, retried as retry says, and its result as reports show it.
 */
final class StepRunner {
    private final RunState state;
    private final ActionRun actions;

    StepRunner(RunState state, Supplier<List<String>> writesAhead) {
        this.state = state;
        this.actions = new ActionRun(state, writesAhead);
    }

    StepResult run(Step step) {
        if (state.mode == RunOptions.Mode.DRY_RUN) {
            return new StepPlanner(state).plan(step);
        }
        long start = System.nanoTime();
        if (state.mode == RunOptions.Mode.READ_ONLY && step.action() != null) {
            boolean approval = state.engine.isGate(step);
            if (approval || state.engine.effects.apply(step) == Effect.WRITE) {
                return finish(step, start, Attempt.skipped(approval ? "approval not asked (read-only rehearsal)"
                        : "write step not run (read-only rehearsal)"), 0);
            }
        }
        if (step.when() != null) {
            try {
                Object when = state.engine.evaluator.evaluate(step.when().ast(), state.scope(Map.of()));
                if (!(when instanceof Boolean)) {
                    return finish(step, start, Attempt.error("when " + step.when().source() + " gave "
                            + Values.typeOf(when).name() + ", not true or false"), 0);
                }
                if (!(Boolean) when) {
                    return finish(step, start, Attempt.skipped("when " + step.when().source() + " is false"), 0);
                }
            } catch (EvalException e) {
                return finish(step, start, Attempt.error(state.redactor.redact("when " + step.when().source() + ": "
                        + e.getMessage())), 0);
            }
        }
        if (step.forEach() != null) {
            Tried each = new ForEachFanOut(state, this).run(step);
            return finish(step, start, each.attempt(), each.count());
        }
        Tried tried = withRetry(step, Map.of());
        if (tried.attempt().status() == StepStatus.PASSED) {
            state.vars.putAll(tried.attempt().captures());
        }
        return finish(step, start, tried.attempt(), tried.count());
    }

    /** An attempt and how many tries it took. */
    record Tried(Attempt attempt, int count) {
    }

    /** The action, retried as retry says: until `until` holds, or (without it) until the expectations do. */
    Tried withRetry(Step step, Map<String, Object> loop) {
        Step.Retry retry = step.retry();
        long max = retry == null || retry.attempts() == null ? 1 : retry.attempts();
        Duration interval = retry == null || retry.interval() == null ? Duration.ofSeconds(1) : retry.interval();
        double backoff = retry == null || retry.backoff() == null ? 1.0 : retry.backoff();
        Attempt attempt = null;
        int n = 0;
        while (n < max) {
            n++;
            attempt = actions.once(step, step.action(), loop, true);
            boolean done = attempt.status() == StepStatus.PASSED;
            if (retry != null && retry.until() != null && !attempt.fields().isEmpty()) {
                try {
                    done = Boolean.TRUE.equals(state.engine.evaluator.evaluate(retry.until().ast(),
                            actions.resultScope(loop, attempt.fields())));
                } catch (EvalException e) {
                    done = false;
                }
            }
            if (done || attempt.status() == StepStatus.DENIED || attempt.neededFlag() != null || n == max) {
                break;
            }
            try {
                Thread.sleep((long) (interval.toMillis() * Math.pow(backoff, n - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Tried(Attempt.error("interrupted"), n);
            }
        }
        return new Tried(attempt, n);
    }

    /** Runs the rollback of a step that had passed; its own results are visible to it. */
    StepResult rollback(Step step, Map<String, Object> fields) {
        long start = System.nanoTime();
        Attempt attempt = actions.once(step, step.rollback(), fields, false);
        return attempt.toResult(step, "rollback of " + step.displayTitle(), Duration.ofNanos(System.nanoTime() - start), 1);
    }

    private StepResult finish(Step step, long start, Attempt attempt, int tries) {
        return attempt.toResult(step, step.displayTitle(), Duration.ofNanos(System.nanoTime() - start), tries)
                .withOutput(output(step.action(), attempt.fields()), shown(attempt.fields()));
    }

    /**
     * The result fields a report can show whole, redacted: numbers, booleans, durations (in ms) and short one-line
     * texts (status, row_count, exit_code, updated, url). Bodies, rows and outputs are in the output lines.
     */
    private Map<String, Object> shown(Map<String, Object> fields) {
        Map<String, Object> shown = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value instanceof Number || value instanceof Boolean) {
                shown.put(name, value);
            } else if (value instanceof Duration d) {
                shown.put(name + "_ms", d.toMillis());
            } else if (value instanceof String text && text.length() <= 200 && !text.contains("\n")
                    && !List.of("stdout", "stderr", "text", "body").contains(name)) {
                shown.put(name, state.redactor.redact(text));
            }
        });
        return shown;
    }

    /** What the action returned, as its kind shows it, redacted: passing steps have it too, for --verbose and JSON. */
    private List<String> output(Action action, Map<String, Object> fields) {
        if (action == null || fields.isEmpty()) {
            return List.of();
        }
        ActionKind kind = state.engine.kinds.find(action.kind()).orElse(null);
        if (kind == null) {
            return List.of();
        }
        Map<String, Object> java = new LinkedHashMap<>();
        fields.forEach((k, v) -> java.put(k, JavaValues.toJava(v)));
        return kind.evidence(new ActionResult(java, "")).stream().map(state.redactor::redact).toList();
    }
}
