package dev.runbook.engine;

import dev.runbook.expr.EvalException;
import dev.runbook.expr.Values;
import dev.runbook.model.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A for_each step: its action for each element (retried per element), one after another or `parallel` at a time,
 * and the elements' outcomes as one: passed when all passed, else the first failure named by its element's value.
 */
final class ForEachFanOut {
    private final RunState state;
    private final StepRunner runner;

    ForEachFanOut(RunState state, StepRunner runner) {
        this.state = state;
        this.runner = runner;
    }

    StepRunner.Tried run(Step step) {
        Step.ForEach forEach = step.forEach();
        Object items;
        try {
            items = forEach.written() != null ? state.templates.typedValue(forEach.written(), state.scope(Map.of()))
                    : state.engine.evaluator.evaluate(forEach.items().ast(), state.scope(Map.of()));
        } catch (EvalException e) {
            return new StepRunner.Tried(Attempt.error(state.redactor.redact("for_each " + forEach.source() + ": "
                    + e.getMessage())), 0);
        }
        if (!(items instanceof List<?> list)) {
            return new StepRunner.Tried(Attempt.error("for_each " + forEach.source() + " gave "
                    + Values.typeOf(items).name() + ", not a list"), 0);
        }
        int parallel = forEach.parallel() == null ? 1 : forEach.parallel().intValue();
        List<Attempt> attempts;
        try {
            attempts = parallel <= 1 || list.size() <= 1 ? inOrder(step, list) : inParallel(step, list, parallel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepRunner.Tried(Attempt.error("interrupted"), 0);
        }
        return new StepRunner.Tried(merged(step, list, attempts, parallel), 1);
    }

    private List<Attempt> inOrder(Step step, List<?> list) {
        List<Attempt> attempts = new ArrayList<>();
        for (Object item : list) {
            attempts.add(runner.withRetry(step, Map.of(step.forEach().variable(), item)).attempt());
        }
        return attempts;
    }

    private List<Attempt> inParallel(Step step, List<?> list, int parallel) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, list.size()), runnable -> {
            Thread thread = new Thread(runnable, "for_each-" + step.id());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Attempt>> futures = new ArrayList<>();
            for (Object item : list) {
                futures.add(pool.submit(() -> runner.withRetry(step, Map.of(step.forEach().variable(), item)).attempt()));
            }
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> future : futures) {
                try {
                    attempts.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuditTrail.AuditFailure failure) {
                        throw failure;
                    }
                    attempts.add(Attempt.error("element failed: " + e.getCause()));
                }
            }
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The elements' outcomes as the step's: their results under `results`, their captures kept when they passed. */
    private Attempt merged(Step step, List<?> list, List<Attempt> attempts, int parallel) {
        List<Object> elementResults = new ArrayList<>();
        Attempt firstFailure = null;
        int passed = 0;
        for (Attempt attempt : attempts) {
            Map<String, Object> fields = new LinkedHashMap<>(attempt.fields());
            fields.put("status", attempt.status().label());
            elementResults.add(fields);
            if (attempt.status() == StepStatus.PASSED) {
                passed++;
                state.vars.putAll(attempt.captures());
            } else if (firstFailure == null && attempt.status().isFailure()) {
                firstFailure = attempt;
            }
        }
        String summary = list.size() + " items: " + passed + " passed" + (passed < list.size() ? ", " + (list.size() - passed) + " not" : "")
                + (parallel > 1 ? " (" + parallel + " at a time)" : "");
        Map<String, Object> fields = Map.of("results", elementResults);
        if (firstFailure == null) {
            return Attempt.passed(summary, fields, Map.of());
        }
        int index = attempts.indexOf(firstFailure);
        // Which element failed, by its value: "item 2 of 3" alone does not tell the operator what to look at.
        String which = "item " + (index + 1) + " of " + list.size() + " (" + step.forEach().variable() + " = "
                + state.redactor.redact(Values.format(list.get(index))) + ")";
        List<String> explanation = new ArrayList<>();
        explanation.add(which + ":");
        firstFailure.explanation().forEach(line -> explanation.add("  " + line));
        return new Attempt(firstFailure.status(), summary, which + ": " + firstFailure.reason(),
                explanation.size() > 1 ? explanation : List.of(), fields, firstFailure.neededFlag(), Map.of(),
                firstFailure.severity());
    }
}
