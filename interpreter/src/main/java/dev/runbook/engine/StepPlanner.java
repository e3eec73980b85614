package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.expr.JavaValues;
import dev.runbook.expr.Values;
import dev.runbook.model.Action;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.ValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dry-run's view of a step: nothing is executed. */
final class StepPlanner {
    private final RunState state;

    StepPlanner(RunState state) {
        this.state = state;
    }

    /**
     * A dry-run's view of a step: its concrete action as far as it can be known before the run (values that
     * depend on earlier results stay as written), conditions marked, secrets as ***. Nothing is executed.
     */
    StepResult plan(Step step) {
        Activation scope = state.scope(Map.of());
        List<String> details = new ArrayList<>();
        String condition = "";
        if (step.when() != null) {
            try {
                Object when = state.engine.evaluator.evaluate(step.when().ast(), scope);
                if (Boolean.FALSE.equals(when)) {
                    return StepResult.without(step, StepStatus.SKIPPED, "when " + step.when().source() + " is false: skipped");
                }
            } catch (EvalException knownOnlyWhenRunning) {
                condition = " (conditional: when " + step.when().source() + ")";
            }
        }
        Map<String, Object> loop = new LinkedHashMap<>();
        if (step.forEach() != null) {
            String items;
            try {
                items = step.forEach().written() != null
                        ? Values.format(state.templates.lenientTypedValue(step.forEach().written(), scope))
                        : Values.format(state.engine.evaluator.evaluate(step.forEach().items().ast(), scope));
            } catch (EvalException knownOnlyWhenRunning) {
                items = step.forEach().source();
            }
            details.add("for each " + step.forEach().variable() + " in " + items
                    + (step.forEach().parallel() != null ? ", " + step.forEach().parallel() + " at a time" : ""));
        }
        String summary;
        if (step.action() == null) {
            summary = "(no action)";
        } else {
            ActionKind kind = state.engine.kinds.find(step.action().kind()).orElse(null);
            Map<String, Object> settings = new LinkedHashMap<>();
            Action action = state.runbook.defaults().applyTo(step.action());
            for (Value.Entry entry : action.settings()) {
                boolean shell = kind != null && kind.descriptor().key(entry.key())
                        .map(k -> k.type() == ValueType.SHELL_COMMAND).orElse(false);
                boolean data = kind != null && kind.descriptor().key(entry.key())
                        .map(k -> k.type() == ValueType.DATA).orElse(false);
                Object value = data ? state.templates.lenientTypedValue(entry.value(), scope)
                        : state.templates.lenientValue(entry.value(), scope, shell);
                settings.put(entry.key(), JavaValues.toJava(value));
            }
            ResolvedAction resolved = new ResolvedAction(action.kind(), settings, Effect.WRITE);
            summary = kind == null ? action.kind() : kind.plan(resolved);
            if (kind != null && kind.approvalGate()) {
                summary = "approval needed: " + summary;
            }
            Effect effect = state.engine.effects.apply(step);
            summary = "[" + effect.label() + "] " + summary;
            for (Map.Entry<String, Object> setting : settings.entrySet()) {
                Object value = setting.getValue();
                if (value instanceof Map<?, ?> map) {
                    details.add(setting.getKey() + ":");
                    map.forEach((k, v) -> details.add("  " + k + ": " + show(v)));
                } else {
                    String text = show(value);
                    if (text.contains("\n")) {
                        details.add(setting.getKey() + ":");
                        text.strip().lines().forEach(line -> details.add("  " + line));
                    } else {
                        details.add(setting.getKey() + ": " + text);
                    }
                }
            }
        }
        step.expect().forEach(e -> details.add("expect " + e.source()));
        if (step.rollback() != null) {
            details.add("rollback: " + step.rollback().kind());
        }
        List<String> redacted = details.stream().map(state.redactor::redact).toList();
        return new StepResult(step.id(), step.displayTitle(), StepStatus.PLANNED, state.redactor.redact(summary + condition),
                null, redacted, Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of());
    }

    private static String show(Object value) {
        if (value instanceof String text) {
            return text;
        }
        return value == null ? "null" : dev.runbook.stdlib.Json.write(value instanceof Duration d
                ? dev.runbook.ast.Durations.literal(d) : value);
    }
}
