package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.Evaluator;
import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.NeedsAnswerException;
import dev.runbook.stdlib.Operator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs a runbook: params resolved and checked before anything happens, then each step in order (when, for_each,
 * retry, the action, expect, capture), on_failure, the rollbacks of the passed steps in reverse order when the run
 * fails, and the finally steps always.
 */
public final class Engine {
    private final ActionKinds kinds;
    private final RunbookLoader loader;
    private final Operator operator;
    private final RunListener listener;
    private final AuditTrail trail;
    final Function<Step, Effect> effects;
    private final Evaluator evaluator = Evaluator.standard();
    private final Deque<Path> callStack;
    /** Shared with the runbooks this one calls: one stop request, one audit lock, one top-level run. */
    private final Control control;
    private StepGate gate = StepGate.ALWAYS_RUN;

    /** Asks before each step of the main list (--step). */
    public Engine withGate(StepGate stepGate) {
        this.gate = stepGate;
        return this;
    }

    public Engine(ActionKinds kinds, RunbookLoader loader, Operator operator, RunListener listener,
                  AuditTrail trail, Function<Step, Effect> effects) {
        this(kinds, loader, operator, listener, trail, effects, new ArrayDeque<>(), new Control());
    }

    private Engine(ActionKinds kinds, RunbookLoader loader, Operator operator, RunListener listener,
                   AuditTrail trail, Function<Step, Effect> effects, Deque<Path> callStack, Control control) {
        this.control = control;
        this.kinds = kinds;
        this.loader = loader;
        this.operator = operator;
        this.listener = listener;
        this.trail = trail;
        this.effects = effects;
        this.callStack = callStack;
    }

    public RunResult run(Runbook runbook, Path file, RunOptions options) throws RunAbortedException {
        Map<String, Object> given = new LinkedHashMap<>();
        if (options.resume() != null) {
            List<String> masked = new ArrayList<>();
            options.resume().params().forEach((k, v) -> {
                if (String.valueOf(v).contains(Redactor.MASK) && !options.params().containsKey(k)) {
                    masked.add(k);
                } else {
                    given.put(k, dev.runbook.expr.JavaValues.toCel(v));
                }
            });
            if (!masked.isEmpty()) {
                // The log keeps no secret, so it cannot give one back: the operator gives it again.
                throw new RunAbortedException(masked.stream().map(k -> "param " + k + " held a secret and the audit log"
                        + " kept it masked: give it again with -p " + k + "=VALUE").collect(java.util.stream.Collectors.joining("\n")));
            }
        }
        control.running = Thread.currentThread();
        try {
            return run(runbook, file, options, given);
        } finally {
            control.running = null;
            // An interrupt meant for a step of this run must not outlive it (it would close the next file written).
            Thread.interrupted();
        }
    }

    /** What a run and the runbooks it calls share to be stopped together. */
    private static final class Control {
        final Object auditLock = new Object();
        volatile boolean interrupted;
        /** After a forced stop, nothing more is written: the log ends with run.interrupted. */
        volatile boolean sealed;
        volatile Thread running;
        /** The top-level run's state and whether its last event (run.finished or run.interrupted) is written. */
        volatile RunState topLevel;
        volatile boolean closed;
    }

    /**
     * When a step does not stop on {@link #interrupt()} (a call into a driver that does not answer interrupts):
     * records run.interrupted for the run and seals the log, so the process can end at once with the run
     * resumable (the step that was running is in doubt). Returns the run id, or null when the run had already ended.
     */
    public String forceStop() {
        synchronized (control.auditLock) {
            RunState state = control.topLevel;
            if (state == null || control.closed) {
                return null;
            }
            Thread.interrupted();
            trail.record(state.runId, "run.interrupted", null, "interrupted", Map.of("exit_code", 4, "forced", true));
            control.closed = true;
            control.sealed = true;
            return state.runId;
        }
    }

    /**
     * SIGINT or SIGTERM: stop the step that runs (its thread is interrupted: a process is killed, a wait ends) and
     * end the run as interrupted, so that it can be resumed. Never while an audit line is being written.
     */
    public void interrupt() {
        synchronized (control.auditLock) {
            control.interrupted = true;
            Thread thread = control.running;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    RunResult run(Runbook runbook, Path file, RunOptions options, Map<String, Object> given) throws RunAbortedException {
        Map<String, Object> env = new LinkedHashMap<>(options.processEnvironment());
        Map<String, Object> secrets = new LinkedHashMap<>();
        List<String> missingSecrets = new ArrayList<>();
        for (Runbook.Secret secret : runbook.secrets()) {
            String value = options.processEnvironment().get(secret.variable());
            if (value == null) {
                missingSecrets.add("secret '" + secret.name() + "' needs the environment variable " + secret.variable());
            } else {
                secrets.put(secret.name(), value);
            }
        }
        // A dry-run shows where secrets go, not what they are: it can be reviewed where the secrets are not set.
        if (!missingSecrets.isEmpty() && options.mode() != RunOptions.Mode.DRY_RUN) {
            throw new RunAbortedException(String.join("\n", missingSecrets));
        }
        Redactor redactor = new Redactor(secrets.values().stream().map(String::valueOf).toList());
        if (options.mode() == RunOptions.Mode.DRY_RUN) {
            // A plan shows where a secret goes, never what it is.
            runbook.secrets().forEach(secret -> secrets.put(secret.name(), Redactor.MASK));
        }
        Templates templates = new Templates(evaluator, env, secrets);
        ParamResolver resolver = new ParamResolver(runbook, templates);
        Map<String, Object> params = resolver.resolve(options, given);
        // A URL's password is a secret the moment it is seen: in a param, or in the environment a database URL reads.
        params.values().forEach(redactor::learnUrlPasswords);
        options.processEnvironment().values().forEach(redactor::learnUrlPasswords);
        try (RunState state = new RunState(RunIds.next(), runbook, file, options.processEnvironment(), env, secrets,
                params, templates, redactor, options.mode())) {
            if (control.topLevel == null) {
                control.topLevel = state;
            }
            return new Execution(state, options, resolver.unusedFileKeys()).run();
        }
    }

    /** Everything one run shares: the names expressions see, resources, the rollback stack. */
    final class RunState implements AutoCloseable {
        final String runId;
        final Runbook runbook;
        final Path file;
        final Map<String, String> processEnvironment;
        final Map<String, Object> env;
        final Map<String, Object> secrets;
        final Map<String, Object> params;
        final Map<String, Object> vars = new ConcurrentHashMap<>();
        final Map<String, Object> steps = new ConcurrentHashMap<>();
        final Templates templates;
        final Redactor redactor;
        final RunOptions.Mode mode;
        final RunResources resources = new RunResources();

        RunState(String runId, Runbook runbook, Path file, Map<String, String> processEnvironment, Map<String, Object> env,
                 Map<String, Object> secrets, Map<String, Object> params, Templates templates, Redactor redactor,
                 RunOptions.Mode mode) {
            this.runId = runId;
            this.runbook = runbook;
            this.file = file;
            this.processEnvironment = processEnvironment;
            this.env = env;
            this.secrets = secrets;
            this.params = params;
            this.templates = templates;
            this.redactor = redactor;
            this.mode = mode;
        }

        /** Records an event of this run, its detail redacted; an event that cannot be written stops the run. */
        void audit(String event, String step, String status, Map<String, Object> detail) {
            synchronized (control.auditLock) {
                if (control.sealed) {
                    return;
                }
                // An interrupt left on this thread would close the log's channel mid-write: the flag says it instead.
                boolean wasInterrupted = Thread.interrupted();
                trail.record(runId, event, step, status, redacted(detail));
                if (event.equals("run.finished") || event.equals("run.interrupted")) {
                    if (control.topLevel == this) {
                        control.closed = true;
                    }
                }
                if (wasInterrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Object redacted(Object value) {
            if (value instanceof String text) {
                return redactor.redact(text);
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), redacted(v)));
                return out;
            }
            if (value instanceof List<?> list) {
                return list.stream().map(this::redacted).toList();
            }
            if (value == null || value instanceof Number || value instanceof Boolean) {
                return value;
            }
            return redactor.redact(dev.runbook.expr.Values.toText(value));
        }

        private Map<String, Object> redacted(Map<String, Object> detail) {
            return detail == null ? Map.of() : (Map<String, Object>) redacted((Object) detail);
        }

        /** The names every expression of a step sees, plus the given extra ones (item, result fields). */
        Activation scope(Map<String, Object> extra) {
            Map<String, Object> roots = Map.of("params", params, "secrets", secrets, "env", env, "vars", vars, "steps", steps);
            return name -> {
                Object value = extra.get(name);
                return value != null ? value : roots.get(name);
            };
        }

        Engine engine() {
            return Engine.this;
        }

        @Override
        public void close() {
            resources.close();
        }
    }

    private final class Execution {
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

        Execution(RunState state, RunOptions options, List<String> unusedFileKeys) {
            this.state = state;
            this.options = options;
            this.unusedFileKeys = unusedFileKeys;
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
            Approvals approvals = new Approvals(main, options);
            for (int i = 0; i < main.size(); i++) {
                Step step = main.get(i);
                if (aborted || control.interrupted) {
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
                StepGate.Choice choice = gate.before(step);
                if (choice == StepGate.Choice.QUIT) {
                    // Quitting is stopping by hand: the run can be resumed, as after an interrupt.
                    control.interrupted = true;
                    results.add(notRun(step));
                    continue;
                }
                if (choice == StepGate.Choice.SKIP) {
                    StepResult skipped = new StepResult(step.id(), step.displayTitle(), StepStatus.SKIPPED,
                            "skipped by the operator (--step)", null, List.of(), Duration.ZERO, Map.of(), step.severity(),
                            0, null, Map.of());
                    state.audit("step.finished", step.id(), skipped.status().label(), Map.of("action", skipped.summary()));
                    listener.stepFinished(skipped);
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
            if (control.interrupted) {
                RunResult result = finish("interrupted", 4);
                state.audit("run.interrupted", null, "interrupted", Map.of("exit_code", 4));
                return result;
            }
            if (aborted) {
                runRollbacks();
            }
            for (Step step : state.runbook.finallySteps()) {
                runStep(step, List.of());
            }
            RunResult result = finish(null, 0);
            state.audit("run.finished", null, result.status(), Map.of("exit_code", result.exitCode()));
            return result;
        }

        private boolean isGate(Step step) {
            return step.action() != null && step.action().kind().equals("approve");
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
                Operator.InDoubtDecision decision = operator.inDoubt(step.id(), what);
                detail.put("decision", decision.choice() == Operator.InDoubtChoice.RERUN ? "rerun" : "count-as-done");
                detail.put("how", decision.how());
                detail.put("by", operator.identity());
                state.audit("step.in_doubt", step.id(), null, detail);
                if (decision.choice() == Operator.InDoubtChoice.RERUN) {
                    return null;
                }
                StepResult done = new StepResult(step.id(), step.displayTitle(), StepStatus.PASSED,
                        "in doubt, counted as done by " + operator.identity() + " (" + decision.how() + ")", null,
                        List.of(), Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of());
                state.steps.put(step.id(), Map.of("status", done.status().label()));
                state.audit("step.finished", step.id(), done.status().label(),
                        Map.of("action", done.summary(), "counted_as_done", true));
                listener.stepFinished(done);
                results.add(done);
                return done;
            } catch (dev.runbook.stdlib.ActionException e) {
                // Nobody decided (no terminal, no flag), or the prompt was abandoned: the step does not run.
                String flag = e instanceof NeedsAnswerException needs ? needs.flag() : null;
                StepResult undecided = new StepResult(step.id(), step.displayTitle(), StepStatus.ERRORED, "not run: in doubt",
                        flag == null ? e.getMessage() : e.getMessage() + ": give " + flag + ", or run on a terminal",
                        List.of(), Duration.ZERO, Map.of(), step.severity(), 0, flag, Map.of());
                state.audit("step.finished", step.id(), undecided.status().label(),
                        Map.of("action", undecided.summary(), "reason", undecided.reason(), "in_doubt", true));
                listener.stepFinished(undecided);
                results.add(undecided);
                return undecided;
            }
        }

        /**
         * Which steps of the main list a partial run selects, and which approvals its writes need. An approve step
         * governs the write steps after it up to the next approve step; however a write is reached, its gate must be
         * given in this run (or in the run being resumed).
         */
        private final class Approvals {
            private final List<Step> main;
            private final int from;
            private final java.util.Set<Integer> pulledIn = new java.util.HashSet<>();

            Approvals(List<Step> main, RunOptions options) {
                this.main = main;
                int start = 0;
                if (options.fromStep() != null) {
                    for (int i = 0; i < main.size(); i++) {
                        if (main.get(i).id().equals(options.fromStep())) {
                            start = i;
                            break;
                        }
                    }
                }
                this.from = start;
                if (options.resume() != null) {
                    granted.addAll(options.resume().approvedGates());
                }
                for (int i = 0; i < main.size(); i++) {
                    boolean resumedPassed = options.resume() != null && options.resume().passedSteps().contains(main.get(i).id());
                    if (selected(i) && !resumedPassed && isWrite(main.get(i))) {
                        int gateIndex = governing(i);
                        if (gateIndex >= 0 && !selected(gateIndex) && !granted.contains(main.get(gateIndex).id())) {
                            pulledIn.add(gateIndex);
                        }
                    }
                }
            }

            boolean selected(int index) {
                String id = main.get(index).id();
                return index >= from && (options.onlyStep() == null || options.onlyStep().equals(id));
            }

            boolean pulledIn(int index) {
                return pulledIn.contains(index);
            }

            /** The gate governing the write step at index when it has not been given; else null. */
            Step ungranted(int index) {
                if (!isWrite(main.get(index))) {
                    return null;
                }
                int gateIndex = governing(index);
                return gateIndex < 0 || granted.contains(main.get(gateIndex).id()) ? null : main.get(gateIndex);
            }

            private int governing(int index) {
                for (int i = index - 1; i >= 0; i--) {
                    if (isGate(main.get(i))) {
                        return i;
                    }
                }
                return -1;
            }

            private boolean isWrite(Step step) {
                return step.action() != null && !isGate(step) && effects.apply(step) == Effect.WRITE;
            }
        }

        /** A step not run this time: passed in the run being resumed, or outside --from / --only. */
        private StepResult carriedOver(Step step, String passedIn) {
            StepResult result = passedIn != null
                    ? new StepResult(step.id(), step.displayTitle(), StepStatus.PASSED, passedIn, null, List.of(),
                            Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of())
                    : new StepResult(step.id(), step.displayTitle(), StepStatus.SKIPPED,
                            options.onlyStep() != null ? "not run (--only " + options.onlyStep() + ")"
                                    : "not run (--from " + options.fromStep() + ")",
                            null, List.of(), Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of());
            if (state.mode != RunOptions.Mode.DRY_RUN) {
                state.steps.put(step.id(), Map.of("status", result.status().label()));
            }
            state.audit("step.finished", step.id(), result.status().label(), Map.of("action", result.summary()));
            listener.stepFinished(result);
            return result;
        }

        private StepResult notRun(Step step) {
            StepResult result = new StepResult(step.id(), step.displayTitle(), StepStatus.NOT_RUN, "", null, List.of(),
                    Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of());
            listener.stepFinished(result);
            return result;
        }

        private StepResult runStep(Step step, List<Step> ahead) {
            state.audit("step.started", step.id(), null, Map.of("title", step.displayTitle()));
            listener.stepStarted(step);
            // Only an approval needs the writes ahead of it: computed when asked, not for every step.
            StepRunner runner = new StepRunner(state, kinds, operator, listener, evaluator, () -> writesAhead(ahead));
            StepResult result;
            try {
                result = runner.run(step);
            } catch (OutOfMemoryError e) {
                // What the step held is unreachable again once this is thrown: enough room to record and report it.
                result = new StepResult(step.id(), step.displayTitle(), StepStatus.ERRORED, "", outOfMemory(), List.of(),
                        Duration.ZERO, Map.of(), step.severity(), 1, null, Map.of());
            }
            if (result.status().isFailure() && step.hint() != null) {
                // What to do next, in the author's words, with the values of this failure filled in.
                Map<String, Object> scope = new LinkedHashMap<>(result.fields());
                Object hint = state.templates.lenientValue(new dev.runbook.model.Value.Text(step.hint(), step.span()),
                        state.scope(scope));
                result = result.withHint(state.redactor.redact(dev.runbook.stdlib.Texts.block(String.valueOf(hint))));
            }
            Map<String, Object> visible = new LinkedHashMap<>(result.fields());
            visible.put("status", result.status().label());
            if (state.mode != RunOptions.Mode.DRY_RUN) {
                // A plan has no results: conditions on them stay conditional instead of reading "planned".
                state.steps.put(step.id(), visible);
            }
            results.add(result);
            state.audit("step.finished", step.id(), result.status().label(), finishedDetail(result));
            listener.stepFinished(result);
            return result;
        }

        private List<String> writesAhead(List<Step> ahead) {
            List<String> writes = new ArrayList<>();
            for (Step step : ahead) {
                if (step.action() == null || step.action().kind().equals("approve")) {
                    if (step.action() != null) {
                        break;
                    }
                    continue;
                }
                if (effects.apply(step) == Effect.WRITE) {
                    writes.add(step.id() + " (" + step.action().kind() + ")");
                }
            }
            return writes;
        }

        private void runRollbacks() {
            while (!passedWithRollback.isEmpty()) {
                Passed passed = passedWithRollback.pop();
                state.audit("rollback.started", passed.step().id(), null, Map.of());
                listener.rollbackStarted(passed.step());
                StepRunner runner = new StepRunner(state, kinds, operator, listener, evaluator, List::of);
                StepResult result;
                try {
                    result = runner.rollback(passed.step(), passed.fields());
                } catch (OutOfMemoryError e) {
                    result = new StepResult(passed.step().id(), "rollback of " + passed.step().displayTitle(),
                            StepStatus.ERRORED, "", outOfMemory(), List.of(), Duration.ZERO, Map.of(),
                            passed.step().severity(), 1, null, Map.of());
                }
                rollbacks.add(result);
                state.audit("rollback.finished", passed.step().id(), result.status().label(), finishedDetail(result));
                listener.rollbackFinished(passed.step(), result);
            }
        }

        private RunResult finish(String forcedStatus, int forcedExit) {
            if (forcedStatus != null) {
                return new RunResult(state.runId, forcedStatus, forcedExit, results, rollbacks, null, Map.copyOf(state.vars), null);
            }
            boolean needsAnswer = results.stream().anyMatch(r -> r.neededFlag() != null);
            boolean denied = results.stream().anyMatch(r -> r.status() == StepStatus.DENIED);
            // on_failure: continue goes on and still fails the run; only on_failure: ignore tolerates a failure.
            boolean failed = results.stream().anyMatch(r -> r.status().isFailure() && !ignored.contains(r));
            boolean rollbackFailed = rollbacks.stream().anyMatch(r -> r.status().isFailure());
            String status;
            int exit;
            if (rollbackFailed) {
                // Worse than a failure: what the run changed could not be undone, and a person must look.
                status = "rollback-failed";
                exit = 6;
            } else if (needsAnswer) {
                status = "needs-answer";
                exit = 3;
            } else if (denied) {
                status = "denied";
                exit = 3;
            } else if (failed) {
                status = "failed";
                exit = 1;
            } else {
                status = "passed";
                exit = 0;
            }
            Step.Severity highest = results.stream().filter(r -> r.status().isFailure() && !ignored.contains(r) && r.severity() != null)
                    .map(StepResult::severity).min(Enum::compareTo).orElse(null);
            String digest = state.mode == RunOptions.Mode.DRY_RUN ? planDigest(results) : null;
            return new RunResult(state.runId, status, exit, results, rollbacks, highest, Map.copyOf(state.vars), digest,
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
    }

    static String outOfMemory() {
        return "out of memory: the step's result did not fit in the " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB this run may use (give the JVM more with RUNBOOK_JAVA_OPTS=-Xmx..., or make the result smaller)";
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
            result.captures().forEach((k, v) -> captures.put(k, dev.runbook.expr.JavaValues.toJava(v)));
            detail.put("captures", captures);
        }
        return detail;
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

    /** Runs a called runbook as a nested run: its own params (from with), vars and steps; the same operator. */
    StepResultParts call(RunState caller, Action call, Activation scope) throws ActionException {
        Value pathValue = call.setting("path");
        if (!(pathValue instanceof Value.Plain plain)) {
            throw new ActionException("call needs a path");
        }
        Path target = caller.file.toAbsolutePath().getParent().resolve(plain.text()).normalize();
        if (callStack.contains(target) || target.equals(caller.file.toAbsolutePath().normalize())) {
            throw new ActionException("call cycle: " + target.getFileName() + " is already running");
        }
        RunbookLoader.Loaded loaded = loader.load(target, target.toString());
        if (!loaded.ok()) {
            throw new ActionException("the called runbook " + plain.text() + " has errors: run runbook check on it");
        }
        Map<String, Object> with = new LinkedHashMap<>();
        if (call.setting("with") instanceof Value.MapValue map) {
            for (Value.Entry entry : map.entries()) {
                with.put(entry.key(), caller.templates.typedValue(entry.value(), scope));
            }
        }
        Deque<Path> stack = new ArrayDeque<>(callStack);
        stack.push(caller.file.toAbsolutePath().normalize());
        Engine nested = new Engine(kinds, loader, operator, listener.called(), trail, effects, stack, control);
        RunOptions options = RunOptions.exec(operator.identity(), Map.of(), caller.processEnvironment).withMode(caller.mode);
        RunResult result;
        try {
            result = nested.run(loaded.runbook(), target, options, with);
        } catch (RunAbortedException e) {
            throw new ActionException("cannot start " + plain.text() + ": " + e.getMessage().replace('\n', ' '));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", result.status());
        fields.put("vars", result.vars());
        String summary = "call " + plain.text() + " → " + result.status();
        StepResult firstFailure = result.exitCode() == 0 ? null : result.steps().stream()
                .filter(r -> r.status().isFailure() && !result.ignoredFailure(r)).findFirst().orElse(null);
        String reason = firstFailure == null ? null
                : plain.text() + " failed at step '" + firstFailure.id() + "': " + firstFailure.reason();
        return new StepResultParts(fields, summary, reason, result.exitCode(), result.highestSeverity());
    }

    /** What a call gives back to its step, with the highest severity among the called runbook's failures. */
    record StepResultParts(Map<String, Object> fields, String summary, String failure, int exitCode,
                           Step.Severity severity) {
    }
}
