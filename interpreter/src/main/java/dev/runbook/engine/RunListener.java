package dev.runbook.engine;

import dev.runbook.model.Step;

/** What the operator is shown as a run goes: the cli renders these, tests record them. */
public interface RunListener {
    default void stepStarted(Step step) {
    }

    default void stepFinished(StepResult result) {
    }

    default void rollbackStarted(Step step) {
    }

    default void rollbackFinished(Step step, StepResult result) {
    }

    /** The listener of a runbook this run calls: the same, unless it shows the nesting (the console indents it). */
    default RunListener called() {
        return this;
    }

    RunListener NONE = new RunListener() {
    };
}
