package dev.runbook.engine;

import dev.runbook.expr.EvalException;
import dev.runbook.model.Action;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Operator;
import dev.runbook.stdlib.Runbooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What an executing action may ask of its run: the step's time, shared resources, the operator, other runbooks. */
final class StepContext implements ActionContext {
    private final RunState state;
    private final Step step;
    private final Action action;
    private final Duration timeout;
    private final boolean readOnly;
    private final Judgement judgement;
    private final Supplier<List<String>> writesAhead;

    StepContext(RunState state, Step step, Action action, Duration timeout, boolean readOnly, Judgement judgement,
                Supplier<List<String>> writesAhead) {
        this.state = state;
        this.step = step;
        this.action = action;
        this.timeout = timeout;
        this.readOnly = readOnly;
        this.judgement = judgement;
        this.writesAhead = writesAhead;
    }

    @Override
    public String stepId() {
        return step.id();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> create) {
        return state.resources.get(type, create);
    }

    @Override
    public String databaseUrl(String name) throws ActionException {
        var database = state.runbook.databases().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new ActionException("no database '" + name + "' in this runbook"));
        try {
            String url = state.templates.render(database.url(), state.scope(Map.of()), false);
            state.redactor.learnUrlPasswords(url);
            return url;
        } catch (EvalException e) {
            throw new ActionException("the URL of database '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public Registration onInterrupt(Runnable stop) {
        RunControl control = state.control;
        control.stops.add(stop);
        if (control.interrupted) {
            stop.run();
        }
        return () -> control.stops.remove(stop);
    }

    @Override
    public Operator operator() {
        return state.engine.operator;
    }

    @Override
    public Map<String, String> environment() {
        return state.processEnvironment;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public boolean accept(ActionResult result) {
        if (!judgement.active()) {
            return true;
        }
        return judgement.judge(ActionRun.celFields(result)).status() == StepStatus.PASSED;
    }

    @Override
    public boolean condition(String key) throws ActionException {
        if (!(action.setting(key) instanceof Value.Expr e)) {
            throw new ActionException(action.kind() + "." + key + " is not a condition");
        }
        try {
            return Boolean.TRUE.equals(state.engine.evaluator.evaluate(e.expression().ast(), state.scope(Map.of())));
        } catch (EvalException error) {
            return false;
        }
    }

    @Override
    public Runbooks runbooks() {
        return state.engine.runbooks(state);
    }

    @Override
    public List<String> writesAhead() {
        return writesAhead.get();
    }
}
