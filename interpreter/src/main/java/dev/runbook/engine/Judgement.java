package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A step's expectations (its own, or its kind's default) and captures, evaluated against a result. An action that
 * must decide before it commits (an sql transaction) asks for it first; its verdict then stands.
 */
final class Judgement {
    record Verdict(StepStatus status, String reason, List<String> explanation, Map<String, Object> captures) {
    }

    private final RunState state;
    private final Step step;
    private final ActionKind kind;
    private final Function<Map<String, Object>, Activation> scopeOf;
    private final boolean active;
    private Verdict verdict;

    /**
     * @param scopeOf the names the expectations see, given the result fields
     * @param active  false for a rollback, which is judged by its kind's default expectation only and captures nothing
     */
    Judgement(RunState state, Step step, ActionKind kind, Function<Map<String, Object>, Activation> scopeOf, boolean active) {
        this.state = state;
        this.step = step;
        this.kind = kind;
        this.scopeOf = scopeOf;
        this.active = active;
    }

    boolean active() {
        return active;
    }

    /** The verdict an action asked for before it committed, or the one these fields give now. */
    Verdict verdict(Map<String, Object> fields) {
        return verdict != null ? verdict : judge(fields);
    }

    Verdict judge(Map<String, Object> fields) {
        Activation scope = scopeOf.apply(fields);
        List<dev.runbook.syntax.Expression> expectations = Expectations.of(active ? step.expect() : List.of(), kind);
        Expectations.Outcome outcome = Expectations.check(state.engine.evaluator, expectations, scope, state.redactor);
        if (!outcome.passed()) {
            verdict = new Verdict(outcome.errored() ? StepStatus.ERRORED : StepStatus.FAILED, outcome.reason(),
                    outcome.explanation(), Map.of());
            return verdict;
        }
        Map<String, Object> captures = new LinkedHashMap<>();
        for (Step.Capture capture : active ? step.captures() : List.<Step.Capture>of()) {
            try {
                captures.put(capture.name(), state.engine.evaluator.evaluate(capture.value().ast(), scope));
            } catch (EvalException e) {
                verdict = new Verdict(StepStatus.ERRORED, state.redactor.redact("capture " + capture.name() + " = "
                        + capture.value().source() + ": " + e.getMessage()), List.of(), Map.of());
                return verdict;
            }
        }
        verdict = new Verdict(StepStatus.PASSED, null, List.of(), captures);
        return verdict;
    }
}
