package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.expr.EvalException;
import dev.runbook.expr.Evaluator;
import dev.runbook.expr.JavaValues;
import dev.runbook.expr.Values;
import dev.runbook.model.Action;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.NeedsAnswerException;
import dev.runbook.stdlib.Operator;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.ValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Runs one step: when, for_each (in parallel when asked), retry, the action, expect and capture. */
final class StepRunner {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHELL_TIMEOUT = Duration.ofMinutes(10);

    private final Engine.RunState state;
    private final ActionKinds kinds;
    private final Operator operator;
    private final RunListener listener;
    private final Evaluator evaluator;
    private final Supplier<List<String>> writesAhead;

    StepRunner(Engine.RunState state, ActionKinds kinds, Operator operator, RunListener listener, Evaluator evaluator,
               Supplier<List<String>> writesAhead) {
        this.state = state;
        this.kinds = kinds;
        this.operator = operator;
        this.listener = listener;
        this.evaluator = evaluator;
        this.writesAhead = writesAhead;
    }

    /** One attempt's or element's outcome before it becomes a StepResult. */
    private record Attempt(StepStatus status, String summary, String reason, List<String> explanation,
                           Map<String, Object> fields, String neededFlag, Map<String, Object> captures,
                           Step.Severity severity) {
        Attempt(StepStatus status, String summary, String reason, List<String> explanation, Map<String, Object> fields,
                String neededFlag, Map<String, Object> captures) {
            this(status, summary, reason, explanation, fields, neededFlag, captures, null);
        }

        static Attempt error(String reason) {
            return new Attempt(StepStatus.ERRORED, "", reason, List.of(), Map.of(), null, Map.of());
        }
    }

    StepResult run(Step step) {
        if (state.mode == RunOptions.Mode.DRY_RUN) {
            return plan(step);
        }
        long start = System.nanoTime();
        Activation scope = state.scope(Map.of());
        if (state.mode == RunOptions.Mode.READ_ONLY && step.action() != null) {
            boolean approval = step.action().kind().equals("approve");
            if (approval || state.engine().effects.apply(step) == Effect.WRITE) {
                return result(step, start, new Attempt(StepStatus.SKIPPED, approval
                        ? "approval not asked (read-only rehearsal)" : "write step not run (read-only rehearsal)",
                        null, List.of(), Map.of(), null, Map.of()), 0);
            }
        }
        if (step.when() != null) {
            try {
                Object when = evaluator.evaluate(step.when().ast(), scope);
                if (!(when instanceof Boolean)) {
                    return result(step, start, Attempt.error("when " + step.when().source() + " gave "
                            + Values.typeOf(when).name() + ", not true or false"), 0);
                }
                if (!(Boolean) when) {
                    return result(step, start, new Attempt(StepStatus.SKIPPED, "when " + step.when().source()
                            + " is false", null, List.of(), Map.of(), null, Map.of()), 0);
                }
            } catch (EvalException e) {
                return result(step, start, Attempt.error(state.redactor.redact("when " + step.when().source() + ": " + e.getMessage())), 0);
            }
        }
        if (step.forEach() == null) {
            int[] attempts = {0};
            Attempt attempt = withRetry(step, Map.of(), attempts);
            if (attempt.status() == StepStatus.PASSED) {
                state.vars.putAll(attempt.captures());
            }
            return result(step, start, attempt, attempts[0]);
        }
        return forEach(step, scope, start);
    }

    private StepResult forEach(Step step, Activation scope, long start) {
        Object items;
        try {
            items = step.forEach().written() != null ? state.templates.typedValue(step.forEach().written(), scope)
                    : evaluator.evaluate(step.forEach().items().ast(), scope);
        } catch (EvalException e) {
            return result(step, start, Attempt.error(state.redactor.redact("for_each " + step.forEach().source() + ": "
                    + e.getMessage())), 0);
        }
        if (!(items instanceof List<?> list)) {
            return result(step, start, Attempt.error("for_each " + step.forEach().source() + " gave "
                    + Values.typeOf(items).name() + ", not a list"), 0);
        }
        int parallel = step.forEach().parallel() == null ? 1 : step.forEach().parallel().intValue();
        List<Attempt> attempts = new ArrayList<>();
        int[] counter = {0};  // attempts of the elements, counted but not reported per step
        if (parallel <= 1 || list.size() <= 1) {
            for (Object item : list) {
                attempts.add(withRetry(step, Map.of(step.forEach().variable(), item), counter));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, list.size()), runnable -> {
                Thread thread = new Thread(runnable, "for_each-" + step.id());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<Attempt>> futures = new ArrayList<>();
                for (Object item : list) {
                    futures.add(pool.submit(() -> withRetry(step, Map.of(step.forEach().variable(), item), new int[1])));
                }
                for (Future<Attempt> future : futures) {
                    try {
                        attempts.add(future.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof AuditTrail.AuditFailure failure) {
                            throw failure;
                        }
                        attempts.add(Attempt.error("element failed: " + e.getCause()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                return result(step, start, Attempt.error("interrupted"), 0);
            } finally {
                pool.shutdownNow();
            }
            counter[0] = list.size();
        }
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
        if (firstFailure != null) {
            int index = attempts.indexOf(firstFailure);
            // Which element failed, by its value: "item 2 of 3" alone does not tell the operator what to look at.
            String which = "item " + (index + 1) + " of " + list.size() + " (" + step.forEach().variable() + " = "
                    + state.redactor.redact(Values.format(list.get(index))) + ")";
            List<String> explanation = new ArrayList<>();
            explanation.add(which + ":");
            firstFailure.explanation().forEach(line -> explanation.add("  " + line));
            return result(step, start, new Attempt(firstFailure.status(), summary, which + ": " + firstFailure.reason(),
                    explanation.size() > 1 ? explanation : List.of(), fields, firstFailure.neededFlag(), Map.of(),
                    firstFailure.severity()), 1);
        }
        return result(step, start, new Attempt(StepStatus.PASSED, summary, null, List.of(), fields, null, Map.of()), 1);
    }

    /** The action, retried as retry says: until `until` holds, or (without it) until the expectations do. */
    private Attempt withRetry(Step step, Map<String, Object> loop, int[] attempts) {
        Step.Retry retry = step.retry();
        long max = retry == null || retry.attempts() == null ? 1 : retry.attempts();
        Duration interval = retry == null || retry.interval() == null ? Duration.ofSeconds(1) : retry.interval();
        double backoff = retry == null || retry.backoff() == null ? 1.0 : retry.backoff();
        Attempt attempt = null;
        for (int n = 1; n <= max; n++) {
            attempts[0]++;
            attempt = once(step, step.action(), loop, true);
            boolean done = attempt.status() == StepStatus.PASSED;
            if (retry != null && retry.until() != null && !attempt.fields().isEmpty()) {
                try {
                    Object until = evaluator.evaluate(retry.until().ast(), resultScope(loop, attempt.fields()));
                    done = Boolean.TRUE.equals(until);
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
                return Attempt.error("interrupted");
            }
        }
        return attempt;
    }

    private Activation resultScope(Map<String, Object> loop, Map<String, Object> fields) {
        Map<String, Object> extra = new LinkedHashMap<>(loop);
        extra.putAll(fields);
        return state.scope(extra);
    }

    /** One execution of an action; with {@code judge}, its expectations and captures too. */
    private Attempt once(Step step, Action action, Map<String, Object> loop, boolean judge) {
        if (action == null) {
            return Attempt.error("the step has no action");
        }
        Activation scope = state.scope(loop);
        if (action.kind().equals("call")) {
            return call(step, action, scope, loop, judge);
        }
        ActionKind kind = kinds.find(action.kind()).orElse(null);
        if (kind == null) {
            return Attempt.error("no action kind '" + action.kind() + "' on the class path");
        }
        ResolvedAction resolved;
        try {
            resolved = resolve(kind, state.runbook.defaults().applyTo(action), scope,
                    judge ? effectOf(step, kind, action) : Effect.WRITE);
        } catch (EvalException e) {
            return Attempt.error(state.redactor.redact(e.getMessage()));
        }
        Judgement judgement = new Judgement(step, loop, judge);
        boolean readOnly = resolved.effect() == Effect.READ || state.mode == RunOptions.Mode.READ_ONLY;
        Context context = new Context(step, action, timeoutOf(step, action), scope, readOnly, judgement);
        ActionResult result;
        try {
            result = kind.execute(resolved, context);
        } catch (NeedsAnswerException e) {
            return new Attempt(StepStatus.ERRORED, state.redactor.redact(kind.plan(resolved)), e.getMessage() + ": give "
                    + e.flag() + ", or run on a terminal", List.of(), Map.of(), e.flag(), Map.of());
        } catch (ActionException e) {
            return new Attempt(StepStatus.ERRORED, state.redactor.redact(kind.plan(resolved)), state.redactor.redact(e.getMessage()),
                    List.of(), Map.of(), null, Map.of());
        } catch (RuntimeException e) {
            return Attempt.error(state.redactor.redact(action.kind() + " failed: " + e));
        }
        Map<String, Object> fields = celFields(result);
        String summary = state.redactor.redact(result.summary());
        auditAnswer(step, action, result);
        if (action.kind().equals("approve") && Boolean.FALSE.equals(fields.get("approved"))) {
            return new Attempt(StepStatus.DENIED, summary, "denied by " + fields.get("approver")
                    + (String.valueOf(fields.get("reason")).isBlank() ? "" : ": " + fields.get("reason")),
                    List.of(), fields, null, Map.of());
        }
        if (!judge) {
            // A rollback has no expectations of its own; its kind's default still says whether it worked (a rollback
            // command that exits 7 did not undo anything).
            Expectations.Outcome outcome = Expectations.check(evaluator, Expectations.of(List.of(), action.kind()),
                    resultScope(loop, fields), state.redactor);
            return outcome.passed() ? new Attempt(StepStatus.PASSED, summary, null, List.of(), fields, null, Map.of())
                    : new Attempt(outcome.errored() ? StepStatus.ERRORED : StepStatus.FAILED, summary, outcome.reason(),
                    withEvidence(outcome.explanation(), kind, result), fields, null, Map.of());
        }
        Judgement.Verdict verdict = judgement.verdict != null ? judgement.verdict : judgement.judge(fields);
        List<String> explanation = verdict.status() == StepStatus.PASSED ? verdict.explanation()
                : withEvidence(verdict.explanation(), kind, result);
        return new Attempt(verdict.status(), summary, verdict.reason(), explanation, fields, null, verdict.captures());
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

    /** approval.granted / approval.denied / manual.answered, with who, why and how (prompt or flag). */
    private void auditAnswer(Step step, Action action, ActionResult result) {
        Map<String, Object> f = result.fields();
        if (action.kind().equals("approve")) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("approver", f.get("approver"));
            detail.put("reason", f.get("reason"));
            detail.put("how", f.get("how"));
            state.audit(Boolean.TRUE.equals(f.get("approved")) ? "approval.granted" : "approval.denied", step.id(), null, detail);
        } else if (action.kind().equals("manual")) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("answers", f.get("answers"));
            detail.put("confirmed", f.get("confirmed"));
            detail.put("operator", f.get("operator"));
            detail.put("how", f.get("how"));
            state.audit("manual.answered", step.id(), null, detail);
        }
    }

    /**
     * A dry-run's view of a step: its concrete action as far as it can be known before the run (values that
     * depend on earlier results stay as written), conditions marked, secrets as ***. Nothing is executed.
     */
    private StepResult plan(Step step) {
        Activation scope = state.scope(Map.of());
        List<String> details = new ArrayList<>();
        String condition = "";
        if (step.when() != null) {
            try {
                Object when = evaluator.evaluate(step.when().ast(), scope);
                if (Boolean.FALSE.equals(when)) {
                    return new StepResult(step.id(), step.displayTitle(), StepStatus.SKIPPED, "when " + step.when().source()
                            + " is false: skipped", null, List.of(), Duration.ZERO, Map.of(), step.severity(), 0, null, Map.of());
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
                        : Values.format(evaluator.evaluate(step.forEach().items().ast(), scope));
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
            ActionKind kind = kinds.find(step.action().kind()).orElse(null);
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
            if (action.kind().equals("approve")) {
                summary = "approval needed: " + summary;
            }
            Effect effect = state.engine().effects.apply(step);
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
                ? dev.runbook.expr.Durations.literal(d) : value);
    }

    private Map<String, Object> celFields(ActionResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        result.fields().forEach((k, v) -> fields.put(k, JavaValues.toCel(v)));
        return fields;
    }

    /** Evaluates a step's expectations and captures against a result; sql calls it before COMMIT. */
    private final class Judgement {
        record Verdict(StepStatus status, String reason, List<String> explanation, Map<String, Object> captures) {
        }

        private final Step step;
        private final Map<String, Object> loop;
        private final boolean active;
        Verdict verdict;

        Judgement(Step step, Map<String, Object> loop, boolean active) {
            this.step = step;
            this.loop = loop;
            this.active = active;
        }

        Verdict judge(Map<String, Object> fields) {
            Activation scope = resultScope(loop, fields);
            Expectations.Outcome outcome = Expectations.check(evaluator,
                    Expectations.of(step.expect(), step.action().kind()), scope, state.redactor);
            if (!outcome.passed()) {
                verdict = new Verdict(outcome.errored() ? StepStatus.ERRORED : StepStatus.FAILED, outcome.reason(),
                        outcome.explanation(), Map.of());
                return verdict;
            }
            Map<String, Object> captures = new LinkedHashMap<>();
            for (Step.Capture capture : step.captures()) {
                try {
                    captures.put(capture.name(), evaluator.evaluate(capture.value().ast(), scope));
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

    private final class Context implements ActionContext {
        private final Step step;
        private final Action action;
        private final Duration timeout;
        private final Activation scope;
        private final boolean readOnly;
        private final Judgement judgement;

        Context(Step step, Action action, Duration timeout, Activation scope, boolean readOnly, Judgement judgement) {
            this.step = step;
            this.action = action;
            this.timeout = timeout;
            this.scope = scope;
            this.readOnly = readOnly;
            this.judgement = judgement;
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
        public Operator operator() {
            return operator;
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
            if (!judgement.active) {
                return true;
            }
            return judgement.judge(celFields(result)).status() == StepStatus.PASSED;
        }

        @Override
        public boolean condition(String key) throws ActionException {
            if (!(action.setting(key) instanceof Value.Expr e)) {
                throw new ActionException(action.kind() + "." + key + " is not a condition");
            }
            try {
                return Boolean.TRUE.equals(evaluator.evaluate(e.expression().ast(), state.scope(Map.of())));
            } catch (EvalException error) {
                return false;
            }
        }

        @Override
        public List<String> writesAhead() {
            return writesAhead.get();
        }
    }

    private Attempt call(Step step, Action action, Activation scope, Map<String, Object> loop, boolean judge) {
        try {
            Engine.StepResultParts parts = state.engine().call(state, action, scope);
            if (parts.failure() != null) {
                StepStatus status = parts.exitCode() == 3 ? StepStatus.DENIED : StepStatus.FAILED;
                return new Attempt(status, parts.summary(), state.redactor.redact(parts.failure()), List.of(),
                        parts.fields(), null, Map.of(), parts.severity());
            }
            if (!judge) {
                return new Attempt(StepStatus.PASSED, parts.summary(), null, List.of(), parts.fields(), null, Map.of());
            }
            Judgement.Verdict verdict = new Judgement(step, loop, true).judge(parts.fields());
            return new Attempt(verdict.status(), parts.summary(), verdict.reason(), verdict.explanation(), parts.fields(),
                    null, verdict.captures());
        } catch (ActionException e) {
            return Attempt.error(state.redactor.redact(e.getMessage()));
        } catch (EvalException e) {
            return Attempt.error(state.redactor.redact(e.getMessage()));
        }
    }

    /** Runs the rollback of a step that had passed; its own results are visible to it. */
    StepResult rollback(Step step, Map<String, Object> fields) {
        long start = System.nanoTime();
        Attempt attempt = once(step, step.rollback(), fields, false);
        return new StepResult(step.id(), "rollback of " + step.displayTitle(), attempt.status(), attempt.summary(),
                attempt.reason(), attempt.explanation(), Duration.ofNanos(System.nanoTime() - start), attempt.fields(),
                step.severity(), 1, attempt.neededFlag(), Map.of());
    }

    private StepResult result(Step step, long start, Attempt attempt, int attempts) {
        // A call without a severity of its own fails with the severity of what failed in the runbook it called.
        Step.Severity severity = step.severity() != null ? step.severity() : attempt.severity();
        return new StepResult(step.id(), step.displayTitle(), attempt.status(), attempt.summary(), attempt.reason(),
                attempt.explanation(), Duration.ofNanos(System.nanoTime() - start), attempt.fields(), severity,
                attempts, attempt.neededFlag(), attempt.status() == StepStatus.PASSED ? attempt.captures() : Map.of())
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
        ActionKind kind = kinds.find(action.kind()).orElse(null);
        if (kind == null) {
            return List.of();
        }
        Map<String, Object> java = new LinkedHashMap<>();
        fields.forEach((k, v) -> java.put(k, JavaValues.toJava(v)));
        return kind.evidence(new ActionResult(java, "")).stream().map(state.redactor::redact).toList();
    }

    private Effect effectOf(Step step, ActionKind kind, Action action) {
        if (step.effects() != null) {
            return step.effects();
        }
        return kind.effect(action.literalSettings());
    }

    private Duration timeoutOf(Step step, Action action) {
        if (step.timeout() != null) {
            return step.timeout();
        }
        if (action.kind().equals("shell")) {
            return SHELL_TIMEOUT;
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
