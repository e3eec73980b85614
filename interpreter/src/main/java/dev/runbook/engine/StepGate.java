package dev.runbook.engine;

import dev.runbook.model.Step;

/** --step: before each step the operator says run, skip or quit. */
@FunctionalInterface
public interface StepGate {
    enum Choice { RUN, SKIP, QUIT }

    Choice before(Step step);

    StepGate ALWAYS_RUN = step -> Choice.RUN;
}
