package dev.runbook.check;

import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ValueType;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.CheckContext;
import dev.runbook.stdlib.Runbooks;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.ast.SourceSpan;
import dev.runbook.syntax.Template;
import dev.runbook.syntax.ShellQuoting;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of language.md §6 beyond syntax and keys (which the readers and the model builder report):
 * duplicate ids, references to unknown or later names, types where known, SQL templates and parameters,
 * call cycles and missing files, and a warning for a write with no approval before it.
 */
public final class Checker {
    private final RunbookLoader loader;
    private final Callees callees;

    public Checker(RunbookLoader loader) {
        this.loader = loader;
        this.callees = new Callees(loader, this);
    }

    /** Adds this file's diagnostics to {@code loaded.diagnostics()}. */
    public void check(RunbookLoader.Loaded loaded) {
        if (loaded.runbook() == null) {
            return;
        }
        new FileCheck(loaded).run();
    }

    /** The runbooks a file may call, as its kinds see them: checked once each, cycles found. */
    public Runbooks runbooksOf(Path file) {
        return callees.of(file);
    }

    /** A called runbook loaded and checked (once per checker); a run calls only one without errors. */
    public RunbookLoader.Loaded checkedCallee(Path file) {
        return callees.checked(file);
    }

    /** The effect of a step: its own {@code effects:}, else what its kind infers from its literal settings. */
    public Effect effectOf(Step step, Path file) {
        if (step.effects() != null) {
            return step.effects();
        }
        Action action = step.action();
        if (action == null) {
            return Effect.READ;
        }
        ActionKind kind = loader.kinds().find(action.kind()).orElse(null);
        if (kind == null) {
            return Effect.WRITE;
        }
        return file == null ? kind.effect(action.literalSettings()) : kind.effect(action.literalSettings(), callees.of(file));
    }

    private final class FileCheck {
        private final RunbookLoader.Loaded loaded;
        private final Runbook runbook;
        private final Diagnostics diagnostics;
        private final ExpressionChecker expressions;
        private final Map<String, Step> allSteps = new LinkedHashMap<>();
        private final Map<String, String> capturedBy = new HashMap<>();

        FileCheck(RunbookLoader.Loaded loaded) {
            this.loaded = loaded;
            this.runbook = loaded.runbook();
            this.diagnostics = loaded.diagnostics();
            this.expressions = new ExpressionChecker(diagnostics, loader.kinds());
        }

        void run() {
            uniqueNames();
            Scope staticScope = new Scope(runbook, Map.of(), Set.of(), Map.of(), allSteps, capturedBy, false, "");
            for (Runbook.Database db : runbook.databases()) {
                template(db.url(), staticScope.named("databases." + db.name()));
            }
            for (Action defaults : runbook.defaults().kinds()) {
                values(defaults.settings(), staticScope.named("defaults." + defaults.kind()));
            }
            for (Runbook.Param p : runbook.params()) {
                if (p.defaultValue() != null) {
                    values(List.of(new Value.Entry("default", p.defaultValue(), p.span())), staticScope.named("the default of param '" + p.name() + "'"));
                }
            }
            Set<String> vars = new HashSet<>();
            Map<String, Step> earlier = new LinkedHashMap<>();
            boolean approvalSeen = false;
            for (Step step : runbook.steps()) {
                approvalSeen = step(step, vars, earlier, approvalSeen);
            }
            for (Step step : runbook.finallySteps()) {
                approvalSeen = step(step, vars, earlier, approvalSeen);
            }
        }

        private void uniqueNames() {
            runbook.allSteps().forEach(step -> {
                if (step.id() == null) {
                    return;
                }
                Step first = allSteps.putIfAbsent(step.id(), step);
                if (first != null) {
                    diagnostics.error(step.span(), "duplicate step id '" + step.id() + "' (first used at line "
                            + first.span().line() + ")");
                }
                for (Step.Capture c : step.captures()) {
                    capturedBy.putIfAbsent(c.name(), step.id());
                }
            });
            Set<String> params = new HashSet<>();
            runbook.params().forEach(p -> {
                if (!params.add(p.name())) {
                    diagnostics.error(p.span(), "duplicate param '" + p.name() + "'");
                }
            });
        }

        private boolean step(Step step, Set<String> vars, Map<String, Step> earlier, boolean approvalSeen) {
            String label = "step '" + step.id() + "'";
            // Views, not copies: a scope is used only while its step is checked, when vars and earlier hold exactly
            // what comes before it. Copying them for every step made check quadratic in the number of steps.
            Scope scope = new Scope(runbook, Map.of(), java.util.Collections.unmodifiableSet(vars),
                    java.util.Collections.unmodifiableMap(earlier), allSteps, capturedBy, true, label);
            if (step.when() != null) {
                expressions.check(step.when(), scope.named("when of " + label), true);
            }
            Map<String, String> loopNames = new LinkedHashMap<>();
            if (step.forEach() != null && step.forEach().written() != null) {
                value(step.forEach().written(), scope.named("for_each of " + label));
                loopNames.put(step.forEach().variable(), ExpressionChecker.DYN);
            } else if (step.forEach() != null) {
                String type = expressions.check(step.forEach().items(), scope.named("for_each of " + label), false);
                if (!type.equals(ExpressionChecker.DYN) && !type.equals("list")) {
                    diagnostics.error(step.forEach().items().span(), "for_each of " + label + " must give a list, not "
                            + ExpressionChecker.article(type) + " " + type);
                }
                loopNames.put(step.forEach().variable(), ExpressionChecker.DYN);
            }
            Scope actionScope = scope.withBare(loopNames, "the action of " + label);
            Map<String, String> results = new LinkedHashMap<>(loopNames);
            if (step.action() != null) {
                action(step.action(), actionScope, label);
                loader.kinds().find(step.action().kind()).ifPresent(kind -> {
                    for (ResultField field : kind.descriptor().results()) {
                        results.put(field.name(), ExpressionChecker.normalize(field.celType()));
                    }
                });
            }
            if (step.action() == null) {
                // Its action was reported as unknown: what its results would be named is unknown too.
                step.captures().forEach(c -> vars.add(c.name()));
                earlier.put(step.id(), step);
                return approvalSeen;
            }
            Scope resultScope = scope.withBare(results, "expect of " + label);
            for (Expression expect : step.expect()) {
                expressions.check(expect, resultScope, true);
            }
            for (Step.Capture capture : step.captures()) {
                expressions.check(capture.value(), resultScope.named("capture " + capture.name() + " of " + label), false);
            }
            if (step.retry() != null && step.retry().until() != null) {
                expressions.check(step.retry().until(), resultScope.named("retry.until of " + label), true);
            }
            if (step.hint() != null) {
                // A hint is shown under the failure: the failed result's own fields are there.
                template(step.hint(), resultScope.named("hint of " + label));
            }
            if (step.rollback() != null) {
                // A rollback runs after its step passed: the step's own results and captures are there. (They join
                // vars and earlier now rather than at the end of this method; nothing below reads them first.)
                step.captures().forEach(c -> vars.add(c.name()));
                if (step.id() != null) {
                    earlier.put(step.id(), step);
                }
                Scope rollbackScope = new Scope(runbook, loopNames, java.util.Collections.unmodifiableSet(vars),
                        java.util.Collections.unmodifiableMap(earlier), allSteps, capturedBy, true, "the rollback of " + label);
                action(step.rollback(), rollbackScope, label);
            }
            ActionKind kind = loader.kinds().find(step.action().kind()).orElse(null);
            Map<String, String> literals = step.action().literalSettings();
            if (kind != null && kind.approvalGate()) {
                approvalSeen = true;
            } else if (effectOf(step, loaded.path()) == Effect.WRITE && !approvalSeen
                    && !(kind != null && kind.approvesItsOwnWrites(literals, callees.of(loaded.path())))) {
                diagnostics.warning(step.span(), label + " may change things ("
                        + (kind == null ? step.action().kind() : kind.writeLabel(literals))
                        + ") and no approve step comes before it; add an approve step, or effects: read if it only reads");
            }
            step.captures().forEach(c -> vars.add(c.name()));
            if (step.id() != null) {
                earlier.put(step.id(), step);
            }
            return approvalSeen;
        }

        private void action(Action action, Scope scope, String label) {
            ActionKind kind = loader.kinds().find(action.kind()).orElse(null);
            // A setting of type expression is a condition the action evaluates (wait.until): checked as a bool below.
            List<Value.Entry> conditions = action.settings().stream().filter(e -> kind != null && e.value() instanceof Value.Expr
                    && kind.descriptor().key(e.key()).map(k -> k.type() == ValueType.EXPRESSION).orElse(false)).toList();
            values(action.settings().stream().filter(e -> !conditions.contains(e)).toList(), scope);
            if (kind == null) {
                return;
            }
            kindProblems(kind, action, label);
            kind.check(action.writtenSettings(), new KindCheck(action, label));
            for (Value.Entry condition : conditions) {
                expressions.check(((Value.Expr) condition.value()).expression(),
                        scope.named(action.kind() + "." + condition.key() + " of " + label), true);
            }
        }

        /** Where a kind's own check reports: at the setting it names, in this file's diagnostics. */
        private final class KindCheck implements CheckContext {
            private final Action action;
            private final String label;

            KindCheck(Action action, String label) {
                this.action = action;
                this.label = label;
            }

            @Override
            public String step() {
                return label;
            }

            @Override
            public List<String> databases() {
                return runbook.databases().stream().map(Runbook.Database::name).toList();
            }

            @Override
            public void error(List<String> at, String message) {
                diagnostics.error(valueSpan(at), message);
            }

            @Override
            public void errorAtKey(List<String> at, String message) {
                diagnostics.error(keySpan(at), message);
            }

            @Override
            public void warningAtKey(List<String> at, String message) {
                diagnostics.warning(keySpan(at), message);
            }

            @Override
            public Runbooks runbooks() {
                return callees.of(loaded.path());
            }

            private SourceSpan valueSpan(List<String> at) {
                if (at.isEmpty() || action.setting(at.get(0)) == null) {
                    return action.span();
                }
                return spanAt(action.setting(at.get(0)), at.subList(1, at.size()));
            }

            private SourceSpan keySpan(List<String> at) {
                if (at.size() < 2 || !(action.setting(at.get(0)) instanceof Value.MapValue map)) {
                    return valueSpan(at);
                }
                Value.MapValue inner = map;
                for (String key : at.subList(1, at.size() - 1)) {
                    if (!(inner.get(key) instanceof Value.MapValue next)) {
                        return valueSpan(at);
                    }
                    inner = next;
                }
                String last = at.get(at.size() - 1);
                return inner.entries().stream().filter(e -> e.key().equals(last)).map(Value.Entry::span).findFirst()
                        .orElse(valueSpan(at));
            }
        }

        /**
         * What only the kind knows is wrong with a setting (a manual step's question type), and a ${} of a shell
         * command where no escaping can hold (single quotes, backticks, a here-document...).
         */
        private void kindProblems(ActionKind kind, Action action, String label) {
            for (Value.Entry entry : action.settings()) {
                for (ActionKind.Problem problem : kind.problems(entry.key(), dev.runbook.model.ValueText.data(entry.value()))) {
                    diagnostics.error(spanAt(entry.value(), problem.path()), problem.message() + " (" + label + ")");
                }
            }
            for (Value.Entry entry : action.settings()) {
                boolean shell = kind.descriptor().key(entry.key()).map(k -> k.type() == ValueType.SHELL_COMMAND).orElse(false);
                if (!shell || !(entry.value() instanceof Value.Text text)) {
                    continue;
                }
                List<Template.Interpolation> interpolations = text.template().parts().stream()
                        .filter(p -> p instanceof Template.Interpolation).map(p -> (Template.Interpolation) p).toList();
                for (ShellQuoting.Problem problem : ShellQuoting.analyse(text.template()).problems()) {
                    SourceSpan span = interpolations.get(problem.interpolation()).expression().ast().span();
                    diagnostics.error(span == null || span == SourceSpan.NONE ? entry.value().span() : span,
                            problem.message() + " (" + label + ")");
                }
            }
        }

        /** Where a key path inside a value stands: the deepest part of the path that is there. */
        private static SourceSpan spanAt(Value value, List<String> path) {
            Value at = value;
            SourceSpan span = value.span();
            for (String key : path) {
                if (!(at instanceof Value.MapValue map) || map.get(key) == null) {
                    break;
                }
                Value.Entry entry = map.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
                at = entry.value();
                span = at.span() != null && at.span() != SourceSpan.NONE ? at.span() : entry.span();
            }
            return span;
        }

        private void values(List<Value.Entry> entries, Scope scope) {
            for (Value.Entry entry : entries) {
                value(entry.value(), scope);
            }
        }

        private void value(Value value, Scope scope) {
            if (value instanceof Value.Text t) {
                template(t.template(), scope);
            } else if (value instanceof Value.Expr e) {
                expressions.check(e.expression(), scope, false);
            } else if (value instanceof Value.ListValue l) {
                l.items().forEach(v -> value(v, scope));
            } else if (value instanceof Value.MapValue m) {
                m.entries().forEach(e -> value(e.value(), scope));
            }
        }

        private void template(Template template, Scope scope) {
            for (Template.Part part : template.parts()) {
                if (part instanceof Template.Interpolation i) {
                    expressions.check(i.expression(), scope, false);
                }
            }
        }
    }
}
