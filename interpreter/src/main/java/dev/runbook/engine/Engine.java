package dev.runbook.engine;

import dev.runbook.expr.Evaluator;
import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a runbook: params resolved and checked before anything happens, then each step in order (when, for_each,
 * retry, the action, expect, capture), on_failure, the rollbacks of the passed steps in reverse order when the run
 * fails, and the finally steps always.
 */
public final class Engine {
    final ActionKinds kinds;
    final RunbookLoader loader;
    final Operator operator;
    final RunListener listener;
    final AuditTrail trail;
    final Function<Step, Effect> effects;
    final Evaluator evaluator = Evaluator.standard();
    /** Shared with the runbooks this one calls: one stop request, one audit lock, one top-level run. */
    final RunControl control;
    /** Checks what this run calls, once each (made on the first call). */
    private dev.runbook.check.Checker checker;
    StepGate gate = StepGate.ALWAYS_RUN;

    /** Asks before each step of the main list (--step). */
    public Engine withGate(StepGate stepGate) {
        this.gate = stepGate;
        return this;
    }

    public Engine(ActionKinds kinds, RunbookLoader loader, Operator operator, RunListener listener,
                  AuditTrail trail, Function<Step, Effect> effects) {
        this(kinds, loader, operator, listener, trail, effects, new RunControl());
    }

    private Engine(ActionKinds kinds, RunbookLoader loader, Operator operator, RunListener listener,
                   AuditTrail trail, Function<Step, Effect> effects, RunControl control) {
        this.control = control;
        this.kinds = kinds;
        this.loader = loader;
        this.operator = operator;
        this.listener = listener;
        this.trail = trail;
        this.effects = effects;
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
            trail.record(state.runId, "run.interrupted", null, RunStatus.INTERRUPTED.label(),
                    Map.of("exit_code", RunStatus.INTERRUPTED.exitCode().code(), "forced", true));
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
            control.stops.forEach(Runnable::run);
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
        try (RunState state = new RunState(this, control, trail, RunIds.next(), runbook, file, options.processEnvironment(),
                env, secrets, params, templates, redactor, options.mode())) {
            if (control.topLevel == null) {
                control.topLevel = state;
            }
            return new RunExecution(this, state, options, resolver.unusedFileKeys()).run();
        }
    }

    /**
     * Gives the kinds a runbook uses a head start on a background thread (their client libraries loaded while the
     * run is still being checked), so that its first http, sql or shell step does not pay for it. Nothing outside
     * the process is touched; a kind that fails to prepare loses only the head start.
     */
    public static void prepare(Runbook runbook, ActionKinds kinds) {
        java.util.Set<ActionKind> used = new java.util.LinkedHashSet<>();
        runbook.allSteps().forEach(step -> {
            for (Action action : java.util.Arrays.asList(step.action(), step.rollback())) {
                if (action != null) {
                    kinds.find(action.kind()).ifPresent(used::add);
                }
            }
        });
        if (used.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> used.forEach(kind -> {
            try {
                kind.prepare();
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the step itself reports what is wrong
            }
        }), "prepare");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether a step is an approval gate, as its kind says. */
    boolean isGate(Step step) {
        return step.action() != null && kinds.find(step.action().kind()).map(ActionKind::approvalGate).orElse(false);
    }

    /** The runbooks a run of this file may call, and running one as a nested run of the caller. */
    dev.runbook.stdlib.Runbooks runbooks(RunState caller) {
        if (checker == null) {
            checker = new dev.runbook.check.Checker(loader);
        }
        return new CalledRunbooks(caller, checker, this::nested);
    }

    /** A run of a called runbook: the same operator, audit trail and control; its lines indented. */
    private Engine nested() {
        Engine nested = new Engine(kinds, loader, operator, listener.called(), trail, effects, control);
        nested.checker = checker;  // what was checked for the caller is not checked again for its callees
        return nested;
    }
}
