package dev.runbook.check;

import dev.runbook.model.Action;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Runbooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runbooks that runbooks call, read once per checker: what a calling file's kinds learn of them
 * ({@link Runbooks} for that file), the one place where call cycles are found, and each callee checked as a file of
 * its own before anything may run it.
 */
final class Callees {
    /** Deeper call chains are not followed looking for a cycle. */
    private static final int MAX_DEPTH = 32;

    private final RunbookLoader loader;
    private final Checker checker;
    private final Map<Path, RunbookLoader.Loaded> loaded = new HashMap<>();
    private final Map<Path, RunbookLoader.Loaded> checked = new HashMap<>();
    /** Callees whose effect is being worked out: a call back into one of them counts as a write, not a loop. */
    private final Set<Path> inProgress = new HashSet<>();
    /** What a caller learnt of a callee, by [caller, callee]: asked for its effect, its gate and its check alike. */
    private final Map<List<Path>, Runbooks.Callee> known = new HashMap<>();

    Callees(RunbookLoader loader, Checker checker) {
        this.loader = loader;
        this.checker = checker;
    }

    /** The runbooks a file may call, resolved against its folder. */
    Runbooks of(Path file) {
        Path caller = file.toAbsolutePath().normalize();
        return new Runbooks() {
            @Override
            public Optional<Callee> find(String path) {
                Path target = caller.getParent().resolve(path).normalize();
                return Files.isRegularFile(target) ? Optional.of(callee(caller, target)) : Optional.empty();
            }

            @Override
            public String resolve(String path) {
                return caller.getParent().resolve(path).normalize().toString();
            }
        };
    }

    /** The file loaded and checked, once; what a run calls must have passed this. */
    RunbookLoader.Loaded checked(Path target) {
        Path key = target.toAbsolutePath().normalize();
        RunbookLoader.Loaded done = checked.get(key);
        if (done == null) {
            done = loader.load(key, key.toString());
            checked.put(key, done);
            checker.check(done);
        }
        return done;
    }

    private Runbooks.Callee callee(Path caller, Path target) {
        // Only a view taken with nothing in progress is whole (inside one, a call back counts as a write).
        if (!inProgress.isEmpty()) {
            return read(caller, target);
        }
        List<Path> pair = List.of(caller, target);
        Runbooks.Callee callee = known.get(pair);
        if (callee == null) {
            // (not computeIfAbsent: reading a callee checks it, which may read the callees it calls)
            callee = read(caller, target);
            known.put(pair, callee);
        }
        return callee;
    }

    private Runbooks.Callee read(Path caller, Path target) {
        String name = target.getFileName().toString();
        List<String> cycle = cycle(caller, target);
        RunbookLoader.Loaded callee = load(target);
        if (!cycle.isEmpty() || callee.runbook() == null) {
            return new Runbooks.Callee(name, target.toString(), false, Map.of(), Effect.WRITE, false, cycle);
        }
        Map<String, Boolean> params = new LinkedHashMap<>();
        callee.runbook().params().forEach(p -> params.put(p.name(), p.required()));
        boolean valid = !inProgress.contains(target) && checked(target).ok();
        return new Runbooks.Callee(name, target.toString(), valid, params, effect(callee), approvesFirst(callee), List.of());
    }

    /** Write when any step of the callee may change things; a call back into a callee being read counts as a write. */
    private Effect effect(RunbookLoader.Loaded callee) {
        Path path = callee.path().toAbsolutePath().normalize();
        if (!inProgress.add(path)) {
            return Effect.WRITE;
        }
        try {
            boolean writes = callee.runbook().allSteps().anyMatch(s -> checker.effectOf(s, path) == Effect.WRITE);
            return writes ? Effect.WRITE : Effect.READ;
        } finally {
            inProgress.remove(path);
        }
    }

    /** Whether the callee asks for an approval before its first write (so its caller needs none of its own). */
    private boolean approvesFirst(RunbookLoader.Loaded callee) {
        Path path = callee.path().toAbsolutePath().normalize();
        if (!inProgress.add(path)) {
            return false;
        }
        try {
            for (Step s : callee.runbook().allSteps().toList()) {
                ActionKind kind = s.action() == null ? null : loader.kinds().find(s.action().kind()).orElse(null);
                if (kind != null && kind.approvalGate()) {
                    return true;
                }
                if (s.action() != null && checker.effectOf(s, path) == Effect.WRITE) {
                    return false;
                }
            }
            return true;
        } finally {
            inProgress.remove(path);
        }
    }

    private RunbookLoader.Loaded load(Path path) {
        return loaded.computeIfAbsent(path, p -> loader.load(p, p.toString()));
    }

    /** The file names of the first call path from target back to the caller or into itself; empty when none. */
    private List<String> cycle(Path caller, Path target) {
        List<Path> chain = new ArrayList<>(List.of(caller));
        List<Path> found = cycle(target, chain);
        return found == null ? List.of() : found.stream().map(p -> p.getFileName().toString()).toList();
    }

    private List<Path> cycle(Path next, List<Path> chain) {
        if (chain.contains(next)) {
            List<Path> cycle = new ArrayList<>(chain);
            cycle.add(next);
            return cycle.subList(cycle.indexOf(next), cycle.size());
        }
        if (chain.size() > MAX_DEPTH) {
            return null;
        }
        RunbookLoader.Loaded callee = load(next);
        if (callee.runbook() == null) {
            return null;
        }
        chain.add(next);
        try {
            for (Step step : callee.runbook().allSteps().toList()) {
                for (Action action : actionsOf(step)) {
                    Path further = calledPath(action, next);
                    if (further != null && Files.isRegularFile(further)) {
                        List<Path> cycle = cycle(further, chain);
                        if (cycle != null) {
                            return cycle;
                        }
                    }
                }
            }
        } finally {
            chain.remove(chain.size() - 1);
        }
        return null;
    }

    /** The runbook an action runs, when its kind runs one (a call), resolved against the file's folder. */
    private Path calledPath(Action action, Path file) {
        List<String> calls = loader.kinds().find(action.kind()).map(k -> k.calls(action.literalSettings())).orElse(List.of());
        return calls.isEmpty() ? null : file.toAbsolutePath().getParent().resolve(calls.get(0)).normalize();
    }

    private static List<Action> actionsOf(Step step) {
        List<Action> actions = new ArrayList<>();
        if (step.action() != null) {
            actions.add(step.action());
        }
        if (step.rollback() != null) {
            actions.add(step.rollback());
        }
        return actions;
    }
}
