package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.expr.JavaValues;
import dev.runbook.model.Action;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.NeedsAnswerException;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.ValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One execution of an action: its settings evaluated, its kind asked to do it, the events its kind records, and
 * (for a step, not a rollback) the step's expectations and captures judged against the result.
 */
final class ActionRun {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final RunState state;
    private final Supplier<List<String>> writesAhead;

    ActionRun(RunState state, Supplier<List<String>> writesAhead) {
        this.state = state;
        this.writesAhead = writesAhead;
    }

    /**
     * @param loop  the for_each variable (and, for a rollback, its step's result fields)
     * @param judge whether the step's expectations and captures apply (false for a rollback: its kind's default only)
     */
    Attempt once(Step step, Action action, Map<String, Object> loop, boolean judge) {
        if (action == null) {
            return Attempt.error("the step has no action");
        }
        ActionKind kind = state.engine.kinds.find(action.kind()).orElse(null);
        if (kind == null) {
            return Attempt.error("no action kind '" + action.kind() + "' on the class path");
        }
        ResolvedAction resolved;
        try {
            resolved = resolve(kind, state.runbook.defaults().applyTo(action), state.scope(loop),
                    judge ? effectOf(step, kind, action) : Effect.WRITE);
        } catch (EvalException e) {
            return Attempt.error(state.redactor.redact(e.getMessage()));
        }
        Judgement judgement = new Judgement(state, step, kind, fields -> resultScope(loop, fields), judge);
        boolean readOnly = resolved.effect() == Effect.READ || state.mode == RunOptions.Mode.READ_ONLY;
        StepContext context = new StepContext(state, step, action, timeoutOf(step, kind), readOnly, judgement, writesAhead);
        ActionResult result;
        try {
            result = kind.execute(resolved, context);
        } catch (NeedsAnswerException e) {
            return Attempt.error(state.redactor.redact(kind.plan(resolved)), e.getMessage() + ": give " + e.flag()
                    + ", or run on a terminal", e.flag());
        } catch (ActionException e) {
            return Attempt.error(state.redactor.redact(kind.plan(resolved)), state.redactor.redact(e.getMessage()), null);
        } catch (RuntimeException e) {
            return Attempt.error(state.redactor.redact(action.kind() + " failed: " + e));
        }
        Map<String, Object> fields = celFields(result);
        String summary = state.redactor.redact(result.summary());
        for (ActionKind.Event event : kind.events(result)) {
            state.audit(event.name(), step.id(), null, event.detail());
        }
        if (result.failure() != null) {
            ActionResult.Failure failure = result.failure();
            return new Attempt(failure.denied() ? StepStatus.DENIED : StepStatus.FAILED, summary,
                    state.redactor.redact(failure.reason()), List.of(), fields, null, Map.of(),
                    failure.severity() == null ? null : Step.Severity.valueOf(failure.severity()));
        }
        Judgement.Verdict verdict = judgement.verdict(fields);
        List<String> explanation = verdict.status() == StepStatus.PASSED ? verdict.explanation()
                : withEvidence(verdict.explanation(), kind, result);
        return Attempt.judged(verdict.status(), summary, verdict.reason(), explanation, fields, verdict.captures());
    }

    /** The names a result's expectations see: the step's, the loop variable, the result fields. */
    Activation resultScope(Map<String, Object> loop, Map<String, Object> fields) {
        Map<String, Object> extra = new LinkedHashMap<>(loop);
        extra.putAll(fields);
        return state.scope(extra);
    }

    /** A failure's explanation, followed by what the kind says the operator should see of the result. */
    private List<String> withEvidence(List<String> explanation, ActionKind kind, ActionResult result) {
        List<String> evidence = kind.evidence(result);
        if (evidence.isEmpty()) {
            return explanation;
        }
        List<String> lines = new ArrayList<>(explanation);
        evidence.forEach(line -> lines.add(state.redactor.redact(line)));
        return lines;
    }

    static Map<String, Object> celFields(ActionResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        result.fields().forEach((k, v) -> fields.put(k, JavaValues.toCel(v)));
        return fields;
    }

    private Effect effectOf(Step step, ActionKind kind, Action action) {
        if (step.effects() != null) {
            return step.effects();
        }
        return kind.effect(action.literalSettings());
    }

    /** The step's own timeout, else its kind's (a command may take longer than a request), else the runbook's. */
    private Duration timeoutOf(Step step, ActionKind kind) {
        if (step.timeout() != null) {
            return step.timeout();
        }
        if (kind.defaultTimeout() != null) {
            return kind.defaultTimeout();
        }
        return state.runbook.defaults().timeout() != null ? state.runbook.defaults().timeout() : DEFAULT_TIMEOUT;
    }

    /** Settings evaluated for this execution; single expressions (wait.until) stay for the action to evaluate. */
    private ResolvedAction resolve(ActionKind kind, Action action, Activation scope, Effect effect) {
        ActionDescriptor descriptor = kind.descriptor();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Value.Entry entry : action.settings()) {
            ValueType type = descriptor.key(entry.key()).map(KeySpec::type).orElse(ValueType.DATA);
            if (type == ValueType.EXPRESSION) {
                continue;
            }
            Object value = type == ValueType.SHELL_COMMAND && entry.value() instanceof Value.Text t
                    ? state.templates.render(t.template(), scope, true)
                    : type == ValueType.DATA ? state.templates.typedValue(entry.value(), scope)
                    : state.templates.value(entry.value(), scope);
            settings.put(entry.key(), JavaValues.toJava(value));
        }
        // An http URL or any other setting may carry user:password@: masked from here on, wherever it shows.
        state.redactor.learnUrlPasswords(settings);
        return new ResolvedAction(action.kind(), settings, effect);
    }
}
