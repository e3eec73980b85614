package dev.runbook.engine;

import dev.runbook.model.Step;
import dev.runbook.stdlib.Effect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which steps of the main list a partial run selects, and which approvals its writes need. An approval gate
 * governs the write steps after it up to the next gate; however a write is reached (--only, --from, --step,
 * --resume), its gate must be given in this run (or in the run being resumed).
 */
final class Approvals {
    private final List<Step> main;
    private final RunOptions options;
    private final int from;
    private final Set<Integer> pulledIn = new HashSet<>();
    /** The gates given in this run (or the run it resumes), or made unnecessary by their own when; shared with the run. */
    private final Set<String> granted;
    private final Predicate<Step> isGate;
    private final Function<Step, Effect> effects;

    Approvals(List<Step> main, RunOptions options, Set<String> granted, Predicate<Step> isGate,
              Function<Step, Effect> effects) {
        this.main = main;
        this.options = options;
        this.granted = granted;
        this.isGate = isGate;
        this.effects = effects;
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

    /** Whether --from / --only select the step at index. */
    boolean selected(int index) {
        String id = main.get(index).id();
        return index >= from && (options.onlyStep() == null || options.onlyStep().equals(id));
    }

    /** Whether the gate at index is outside the selection but governs a selected write: asked as a full run would. */
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
            if (isGate.test(main.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean isWrite(Step step) {
        return step.action() != null && !isGate.test(step) && effects.apply(step) == Effect.WRITE;
    }
}
