package dev.runbook.engine;

import dev.runbook.model.Step;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.NeedsAnswerException;
import dev.runbook.stdlib.Operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a runbook's steps: each step of the main list in order (selected by --from / --only / --resume, gated
 * by the approvals its writes need, asked at --step), on_failure, the rollbacks of the passed steps in reverse
 * order when the run fails, the finally steps always, and the run's status.
 */
final class RunExecution {
    private final Engine engine;
    private final RunState state;
    private final RunOptions options;
    private final List<StepResult> results = new ArrayList<>();
    private final List<StepResult> rollbacks = new ArrayList<>();
    private final Deque<Passed> passedWithRollback = new ArrayDeque<>();
    /** Failures of steps marked on_failure: ignore: reported, tolerated, not failing the run. */
    private final java.util.Set<StepResult> ignored = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The approve steps given in this run (or the run it resumes), or made unnecessary by their own when. */
    private final java.util.Set<String> granted = new java.util.HashSet<>();
    private final List<String> unusedFileKeys;
    private final StepRecorder recorder;

    RunExecution(Engine engine, RunState state, RunOptions options, List<String> unusedFileKeys) {
        this.engine = engine;
        this.state = state;
        this.options = options;
        this.unusedFileKeys = unusedFileKeys;
        this.recorder = new StepRecorder(state, engine.listener);
    }

    private record Passed(Step step, Map<String, Object> fields) {
    }

    RunResult run() {
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("params", state.params);
        started.put("host", host());
        if (options.environment() != null) {
            started.put("environment", options.environment());
        }
        if (!unusedFileKeys.isEmpty()) {
            // Bounded: a shared params file may hold thousands of keys this runbook does not read.
            List<Object> unused = new ArrayList<>(unusedFileKeys.subList(0, Math.min(100, unusedFileKeys.size())));
            if (unusedFileKeys.size() > 100) {
                unused.add("… and " + (unusedFileKeys.size() - 100) + " more");
            }
            started.put("params_file_unused", unused);
        }
        if (options.fromStep() != null) {
            started.put("from", options.fromStep());
        }
        if (options.onlyStep() != null) {
            started.put("only", options.onlyStep());
        }
        if (options.resume() != null) {
            started.put("resumes", options.resume().runId());
            options.resume().vars().forEach((k, v) -> state.vars.put(k, dev.runbook.expr.JavaValues.toCel(v)));
        }
        state.audit("run.started", null, null, started);
        boolean aborted = false;
        List<Step> main = state.runbook.steps();
        Approvals approvals = new Approvals(main, options, granted, engine::isGate, engine.effects);
        for (int i = 0; i < main.size(); i++) {
            Step step = main.get(i);
            if (aborted || engine.control.interrupted) {
                results.add(notRun(step));
                continue;
            }
            if (options.resume() != null && options.resume().passedSteps().contains(step.id())) {
                results.add(carriedOver(step, "passed in run " + options.resume().runId()));
                continue;
            }
            if (!approvals.selected(i)) {
                if (approvals.pulledIn(i)) {
                    // A gate outside --from / --only that governs a selected write: asked as a full run would.
                    aborted = !runGate(step);
                } else {
                    results.add(carriedOver(step, null));
                }
                continue;
            }
            StepGate.Choice choice = engine.gate.before(step);
            if (choice == StepGate.Choice.QUIT) {
                // Quitting is stopping by hand: the run can be resumed, as after an interrupt.
                engine.control.interrupted = true;
                results.add(notRun(step));
                continue;
            }
            if (choice == StepGate.Choice.SKIP) {
                StepResult skipped = StepResult.without(step, StepStatus.SKIPPED, "skipped by the operator (--step)");
                recorder.settled(step, skipped, false, Map.of());
                results.add(skipped);
                continue;
            }
            if (isGate(step)) {
                aborted = !runGate(step);
                continue;
            }
            if (options.resume() != null && options.resume().inDoubt().contains(step.id())) {
                StepResult decided = decideInDoubt(step);
                if (decided != null) {
                    aborted = decided.status().isFailure();
                    continue;
                }
            }
            Step governing = approvals.ungranted(i);
            if (governing != null && state.mode == RunOptions.Mode.EXEC && !runGate(governing)) {
                // The gate of this write was skipped (--step) and is not given now: the write does not run.
                results.add(notRun(step));
                aborted = true;
                continue;
            }
            StepResult result = runStep(step, main.subList(i + 1, main.size()));
            if (result.status() == StepStatus.PASSED && step.rollback() != null) {
                passedWithRollback.push(new Passed(step, result.fields()));
            }
            Step.OnFailure onFailure = state.runbook.defaults().onFailureOf(step);
            if (result.status().isFailure() && onFailure == Step.OnFailure.IGNORE) {
                ignored.add(result);
            } else if (result.status().isFailure() && onFailure == Step.OnFailure.ABORT) {
                aborted = true;
            }
        }
        if (engine.control.interrupted) {
            RunResult result = finish(RunStatus.INTERRUPTED);
            state.audit("run.interrupted", null, result.status(), Map.of("exit_code", result.exitCode()));
            return result;
        }
        if (aborted) {
            runRollbacks();
        }
        for (Step step : state.runbook.finallySteps()) {
            runStep(step, List.of());
        }
        RunResult result = finish(null);
        state.audit("run.finished", null, result.status(), Map.of("exit_code", result.exitCode()));
        return result;
    }

    private boolean isGate(Step step) {
        return engine.isGate(step);
    }

    /**
     * Runs an approve step of the main list; true when the writes it governs may run: it was approved, its
     * own when made it unnecessary, or (dry-run, read-only) nothing will be written.
     */
    private boolean runGate(Step gateStep) {
        int index = state.runbook.steps().indexOf(gateStep);
        List<Step> main = state.runbook.steps();
        StepResult result = runStep(gateStep, main.subList(index + 1, main.size()));
        boolean given = !result.status().isFailure();
        if (given && (result.status() == StepStatus.PASSED || state.mode == RunOptions.Mode.EXEC)) {
            granted.add(gateStep.id());
        }
        return given;
    }

    /**
     * A step that a killed run started and never finished: the operator decides whether it runs again (null:
     * run it) or counts as done; without a decision the run stops, naming the flags.
     */
    private StepResult decideInDoubt(Step step) {
        String what = "run " + options.resume().runId() + " (or one it resumed) started it and never finished it;"
                + " it may have done its work";
        Map<String, Object> detail = new LinkedHashMap<>();
        try {
            Operator.InDoubtDecision decision = engine.operator.inDoubt(step.id(), what);
            detail.put("decision", decision.choice() == Operator.InDoubtChoice.RERUN ? "rerun" : "count-as-done");
            detail.put("how", decision.how());
            detail.put("by", engine.operator.identity());
            state.audit("step.in_doubt", step.id(), null, detail);
            if (decision.choice() == Operator.InDoubtChoice.RERUN) {
                return null;
            }
            StepResult done = StepResult.without(step, StepStatus.PASSED,
                    "in doubt, counted as done by " + engine.operator.identity() + " (" + decision.how() + ")");
            results.add(recorder.settled(step, done, true, Map.of("counted_as_done", true)));
            return done;
        } catch (dev.runbook.stdlib.ActionException e) {
            // Nobody decided (no terminal, no flag), or the prompt was abandoned: the step does not run.
            String flag = e instanceof NeedsAnswerException needs ? needs.flag() : null;
            StepResult undecided = StepResult.error(step, step.displayTitle(), "not run: in doubt",
                    flag == null ? e.getMessage() : e.getMessage() + ": give " + flag + ", or run on a terminal", flag)
                    .withAttempts(0);
            results.add(recorder.settled(step, undecided, false, Map.of("reason", undecided.reason(), "in_doubt", true)));
            return undecided;
        }
    }

    /** A step not run this time: passed in the run being resumed, or outside --from / --only. */
    private StepResult carriedOver(Step step, String passedIn) {
        StepResult result = passedIn != null ? StepResult.without(step, StepStatus.PASSED, passedIn)
                : StepResult.without(step, StepStatus.SKIPPED, options.onlyStep() != null
                        ? "not run (--only " + options.onlyStep() + ")" : "not run (--from " + options.fromStep() + ")");
        return recorder.settled(step, result, true, Map.of());
    }

    private StepResult notRun(Step step) {
        return recorder.notRun(step);
    }

    private StepResult runStep(Step step, List<Step> ahead) {
        recorder.started(step);
        // Only an approval needs the writes ahead of it: computed when asked, not for every step.
        StepRunner runner = new StepRunner(state, () -> writesAhead(ahead));
        StepResult result;
        try {
            result = runner.run(step);
        } catch (OutOfMemoryError e) {
            // What the step held is unreachable again once this is thrown: enough room to record and report it.
            result = StepResult.error(step, step.displayTitle(), "", outOfMemory(), null);
        }
        result = recorder.finished(step, result);
        results.add(result);
        return result;
    }

    private List<String> writesAhead(List<Step> ahead) {
        List<String> writes = new ArrayList<>();
        for (Step step : ahead) {
            if (step.action() == null || isGate(step)) {
                if (step.action() != null) {
                    break;
                }
                continue;
            }
            if (engine.effects.apply(step) == Effect.WRITE) {
                writes.add(step.id() + " (" + step.action().kind() + ")");
            }
        }
        return writes;
    }

    private void runRollbacks() {
        while (!passedWithRollback.isEmpty()) {
            Passed passed = passedWithRollback.pop();
            recorder.rollbackStarted(passed.step());
            StepRunner runner = new StepRunner(state, List::of);
            StepResult result;
            try {
                result = runner.rollback(passed.step(), passed.fields());
            } catch (OutOfMemoryError e) {
                result = StepResult.error(passed.step(), "rollback of " + passed.step().displayTitle(), "", outOfMemory(), null);
            }
            rollbacks.add(result);
            recorder.rollbackFinished(passed.step(), result);
        }
    }

    private RunResult finish(RunStatus forced) {
        if (forced != null) {
            return new RunResult(state.runId, forced, results, rollbacks, null, Map.copyOf(state.vars), null);
        }
        RunStatus status;
        if (rollbacks.stream().anyMatch(r -> r.status().isFailure())) {
            // Worse than a failure: what the run changed could not be undone, and a person must look.
            status = RunStatus.ROLLBACK_FAILED;
        } else if (results.stream().anyMatch(r -> r.neededFlag() != null)) {
            status = RunStatus.NEEDS_ANSWER;
        } else if (results.stream().anyMatch(r -> r.status() == StepStatus.DENIED)) {
            status = RunStatus.DENIED;
        } else if (results.stream().anyMatch(r -> r.status().isFailure() && !ignored.contains(r))) {
            // on_failure: continue goes on and still fails the run; only on_failure: ignore tolerates a failure.
            status = RunStatus.FAILED;
        } else {
            status = RunStatus.PASSED;
        }
        Step.Severity highest = results.stream().filter(r -> r.status().isFailure() && !ignored.contains(r) && r.severity() != null)
                .map(StepResult::severity).min(Enum::compareTo).orElse(null);
        String digest = state.mode == RunOptions.Mode.DRY_RUN ? planDigest(results) : null;
        return new RunResult(state.runId, status, results, rollbacks, highest, Map.copyOf(state.vars), digest,
                ignored.stream().map(StepResult::id).collect(java.util.stream.Collectors.toSet()), shownCaptures());
    }

    /** The run's captures for a report: plain values, secrets masked, texts past 1,000 characters cut. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> shownCaptures() {
        Map<String, Object> shown = new java.util.TreeMap<>();
        state.vars.forEach((name, value) -> shown.put(name, bounded(dev.runbook.expr.JavaValues.toJava(value))));
        return (Map<String, Object>) state.redacted(shown);
    }

    private Object bounded(Object value) {
        if (value instanceof String text && text.length() > 1000) {
            return text.substring(0, 1000) + "… (" + text.length() + " characters)";
        }
        if (value instanceof List<?> list) {
            return list.stream().limit(100).map(this::bounded).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.entrySet().stream().limit(100).forEach(e -> out.put(String.valueOf(e.getKey()), bounded(e.getValue())));
            return out;
        }
        return value;
    }

    static String outOfMemory() {
        return "out of memory: the step's result did not fit in the " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB this run may use (give the JVM more with RUNBOOK_JAVA_OPTS=-Xmx..., or make the result smaller)";
    }

    /** The SHA-256 of the plan as printed: each step's id, status, action and details, in order. */
    static String planDigest(List<StepResult> results) {
        StringBuilder plan = new StringBuilder();
        for (StepResult r : results) {
            plan.append(r.id()).append(' ').append(r.status().label()).append(' ').append(r.summary()).append('\n');
            r.explanation().forEach(line -> plan.append("  ").append(line).append('\n'));
        }
        return Digests.sha256(plan.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
