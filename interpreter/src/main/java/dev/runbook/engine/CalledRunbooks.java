package dev.runbook.engine;

import dev.runbook.check.Checker;
import dev.runbook.expr.JavaValues;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.Runbooks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a run offers a kind that runs other runbooks (call): the checker's view of them, and a nested run of one.
 * A called runbook runs only when it passes check as a file of its own, which is also where a call cycle through
 * it is found.
 */
final class CalledRunbooks implements Runbooks {
    private final RunState caller;
    private final Checker checker;
    private final Supplier<Engine> nestedEngine;

    CalledRunbooks(RunState caller, Checker checker, Supplier<Engine> nestedEngine) {
        this.caller = caller;
        this.checker = checker;
        this.nestedEngine = nestedEngine;
    }

    @Override
    public Optional<Callee> find(String path) {
        return checker.runbooksOf(caller.file).find(path);
    }

    @Override
    public String resolve(String path) {
        return checker.runbooksOf(caller.file).resolve(path);
    }

    @Override
    public Outcome run(String path, Map<String, Object> params) throws ActionException {
        Path target = caller.file.toAbsolutePath().getParent().resolve(path).normalize();
        RunbookLoader.Loaded loaded = checker.checkedCallee(target);
        if (!loaded.ok()) {
            throw new ActionException("the called runbook " + path + " has errors: run runbook check on it");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        params.forEach((name, value) -> given.put(name, JavaValues.toCel(value)));
        RunOptions options = RunOptions.exec(caller.engine.operator.identity(), Map.of(), caller.processEnvironment)
                .withMode(caller.mode);
        RunResult result;
        try {
            result = nestedEngine.get().run(loaded.runbook(), target, options, given);
        } catch (RunAbortedException e) {
            throw new ActionException("cannot start " + path + ": " + e.getMessage().replace('\n', ' '));
        }
        StepResult failed = result.exitCode() == 0 ? null : result.steps().stream()
                .filter(r -> r.status().isFailure() && !result.ignoredFailure(r)).findFirst().orElse(null);
        Map<String, Object> vars = new LinkedHashMap<>();
        result.vars().forEach((name, value) -> vars.put(name, JavaValues.toJava(value)));
        return new Outcome(result.status(), result.exitCode(), vars, failed == null ? null : failed.id(),
                failed == null ? null : failed.reason(),
                result.highestSeverity() == null ? null : result.highestSeverity().name());
    }
}
