package dev.runbook.check;

import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.model.Suggestions;
import dev.runbook.model.Value;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ValueType;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.SqlStatements;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.SourceSpan;
import dev.runbook.syntax.Template;
import dev.runbook.syntax.ShellQuoting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    private final Map<Path, RunbookLoader.Loaded> calleeCache = new HashMap<>();

    public Checker(RunbookLoader loader) {
        this.loader = loader;
    }

    /** Adds this file's diagnostics to {@code loaded.diagnostics()}. */
    public void check(RunbookLoader.Loaded loaded) {
        if (loaded.runbook() == null) {
            return;
        }
        new FileCheck(loaded).run();
    }

    /** The effect of a step: its own {@code effects:}, else what its kind infers from its literal settings. */
    public Effect effectOf(Step step, Path file) {
        if (step.effects() != null) {
            return step.effects();
        }
        return effectOf(step.action(), file, new HashSet<>());
    }

    private Effect effectOf(Action action, Path file, Set<Path> visiting) {
        if (action == null) {
            return Effect.READ;
        }
        if (action.kind().equals("call") && file != null) {
            RunbookLoader.Loaded callee = callee(action, file);
            if (callee == null || callee.runbook() == null || !visiting.add(callee.path().toAbsolutePath().normalize())) {
                return Effect.WRITE;
            }
            boolean writes = callee.runbook().allSteps().anyMatch(s -> (s.effects() != null ? s.effects()
                    : effectOf(s.action(), callee.path(), visiting)) == Effect.WRITE);
            return writes ? Effect.WRITE : Effect.READ;
        }
        ActionKind kind = loader.kinds().find(action.kind()).orElse(null);
        if (kind == null) {
            return Effect.WRITE;
        }
        return kind.effect(action.literalSettings());
    }

    /**
     * A call of a runbook that asks for an approval before its first write is gated where the writes happen: the
     * caller needs no approval of its own for it.
     */
    private boolean calleeApprovesFirst(Action action, Path file) {
        if (!action.kind().equals("call") || file == null) {
            return false;
        }
        RunbookLoader.Loaded callee = callee(action, file);
        if (callee == null || callee.runbook() == null) {
            return false;
        }
        for (Step s : callee.runbook().allSteps().toList()) {
            if (s.action() != null && s.action().kind().equals("approve")) {
                return true;
            }
            if (s.action() != null && effectOf(s, callee.path()) == Effect.WRITE) {
                return false;
            }
        }
        return true;
    }

    static Path calleePath(Action call, Path file) {
        if (!(call.setting("path") instanceof Value.Plain p)) {
            return null;
        }
        Path base = file.toAbsolutePath().getParent();
        return base.resolve(p.text()).normalize();
    }

    private RunbookLoader.Loaded callee(Action call, Path file) {
        Path path = calleePath(call, file);
        if (path == null || !Files.isRegularFile(path)) {
            return null;
        }
        return calleeCache.computeIfAbsent(path, p -> loader.load(p, p.toString()));
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
            if (step.action() != null && step.action().kind().equals("approve")) {
                approvalSeen = true;
            } else if (step.action() != null && effectOf(step, loaded.path()) == Effect.WRITE && !approvalSeen
                    && !calleeApprovesFirst(step.action(), loaded.path())) {
                diagnostics.warning(step.span(), label + " may change things (" + describeWrite(step.action())
                        + ") and no approve step comes before it; add an approve step, or effects: read if it only reads");
            }
            step.captures().forEach(c -> vars.add(c.name()));
            if (step.id() != null) {
                earlier.put(step.id(), step);
            }
            return approvalSeen;
        }

        private String describeWrite(Action action) {
            if (action.kind().equals("http") && action.setting("method") instanceof Value.Plain m) {
                return "http " + m.text();
            }
            if (action.kind().equals("call") && action.setting("path") instanceof Value.Plain path) {
                return "call " + path.text();
            }
            return action.kind();
        }

        private void action(Action action, Scope scope, String label) {
            // wait.until is checked below as a condition (it must be a bool), not as a plain value.
            values(action.settings().stream()
                    .filter(e -> !(action.kind().equals("wait") && e.key().equals("until"))).toList(), scope);
            kindProblems(action, label);
            switch (action.kind()) {
                case "sql" -> sql(action, label);
                case "wait" -> {
                    boolean duration = action.setting("duration") != null;
                    boolean until = action.setting("until") != null;
                    if (duration == until) {
                        diagnostics.error(action.span(), "wait needs either a duration (wait: 30s) or until (wait: {until: EXPR})"
                                + (duration ? ", not both" : ""));
                    }
                    if (until && action.setting("until") instanceof Value.Expr e) {
                        expressions.check(e.expression(), scope.named("wait.until of " + label), true);
                    }
                }
                case "call" -> call(action, label);
                default -> {
                }
            }
        }

        /**
         * What only the kind knows is wrong with a setting (a manual step's question type), and a ${} of a shell
         * command where no escaping can hold (single quotes, backticks, a here-document...).
         */
        private void kindProblems(Action action, String label) {
            ActionKind kind = loader.kinds().find(action.kind()).orElse(null);
            if (kind == null) {
                return;
            }
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

        private void sql(Action action, String label) {
            Value db = action.setting("db");
            if (db instanceof Value.Plain p && runbook.databases().stream().noneMatch(d -> d.name().equals(p.text()))) {
                diagnostics.error(db.span(), "unknown database '" + p.text() + "'"
                        + Suggestions.didYouMean(p.text(), runbook.databases().stream().map(Runbook.Database::name).toList())
                        + (runbook.databases().isEmpty() ? ": declare it under databases:" : ""));
            }
            if (!(action.setting("query") instanceof Value.Plain query)) {
                return;
            }
            if (query.text().contains("${")) {
                diagnostics.error(query.span(), "templates are not allowed in SQL text (" + label
                        + "): write :name in the query and bind it with params: { name: EXPR }");
            }
            List<String> used = SqlStatements.parameterNames(query.text());
            Set<String> bound = new HashSet<>();
            if (action.setting("params") instanceof Value.MapValue params) {
                for (Value.Entry entry : params.entries()) {
                    bound.add(entry.key());
                    if (!used.contains(entry.key())) {
                        diagnostics.warning(entry.span(), "param '" + entry.key() + "' is bound but the query never uses :" + entry.key());
                    }
                }
            }
            for (String name : used) {
                if (!bound.contains(name)) {
                    diagnostics.error(query.span(), "the query uses :" + name + " but params does not bind it"
                            + Suggestions.didYouMean(name, bound));
                }
            }
        }

        private void call(Action action, String label) {
            Path target = calleePath(action, loaded.path());
            if (target == null) {
                return;
            }
            SourceSpan at = action.setting("path").span();
            if (!Files.isRegularFile(target)) {
                diagnostics.error(at, "no runbook file at " + ((Value.Plain) action.setting("path")).text()
                        + " (resolved against this file's folder: " + target + ")");
                return;
            }
            Deque<Path> chain = new ArrayDeque<>();
            chain.add(loaded.path().toAbsolutePath().normalize());
            List<Path> cycle = findCycle(target, chain);
            if (cycle != null) {
                List<String> names = cycle.stream().map(p -> p.getFileName().toString()).toList();
                diagnostics.error(at, "call cycle: " + String.join(" → ", names));
                return;
            }
            RunbookLoader.Loaded callee = callee(action, loaded.path());
            if (callee == null || !callee.ok()) {
                diagnostics.error(at, "the called runbook " + target.getFileName() + " has errors: run runbook check on it");
                return;
            }
            Set<String> calleeParams = new HashSet<>();
            callee.runbook().params().forEach(p -> calleeParams.add(p.name()));
            Set<String> given = new HashSet<>();
            if (action.setting("with") instanceof Value.MapValue with) {
                for (Value.Entry entry : with.entries()) {
                    given.add(entry.key());
                    if (!calleeParams.contains(entry.key())) {
                        diagnostics.error(entry.span(), target.getFileName() + " has no param '" + entry.key() + "'"
                                + Suggestions.didYouMean(entry.key(), calleeParams));
                    }
                }
            }
            for (Runbook.Param p : callee.runbook().params()) {
                if (p.required() && !given.contains(p.name())) {
                    diagnostics.error(at, target.getFileName() + " requires param '" + p.name() + "': pass it with with:");
                }
            }
        }

        /** The first call path from {@code next} back into {@code chain}, or null. */
        private List<Path> findCycle(Path next, Deque<Path> chain) {
            if (chain.contains(next)) {
                List<Path> cycle = new ArrayList<>(chain);
                cycle.add(next);
                return cycle.subList(cycle.indexOf(next), cycle.size());
            }
            if (chain.size() > 32) {
                return null;
            }
            RunbookLoader.Loaded callee = calleeCache.computeIfAbsent(next, p -> loader.load(p, p.toString()));
            if (callee.runbook() == null) {
                return null;
            }
            chain.addLast(next);
            try {
                for (Step step : (Iterable<Step>) callee.runbook().allSteps()::iterator) {
                    for (Action action : actionsOf(step)) {
                        if (action.kind().equals("call")) {
                            Path further = calleePath(action, next);
                            if (further != null && Files.isRegularFile(further)) {
                                List<Path> cycle = findCycle(further, chain);
                                if (cycle != null) {
                                    return cycle;
                                }
                            }
                        }
                    }
                }
            } finally {
                chain.removeLast();
            }
            return null;
        }

        private List<Action> actionsOf(Step step) {
            List<Action> actions = new ArrayList<>();
            if (step.action() != null) {
                actions.add(step.action());
            }
            if (step.rollback() != null) {
                actions.add(step.rollback());
            }
            return actions;
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
