package dev.runbook.check;

import dev.runbook.model.Runbook;
import dev.runbook.model.Step;

import java.util.Map;
import java.util.Set;

/**
 * What an expression at one place of a runbook may name.
 *
 * @param bare          names usable without a prefix (the step's result fields, item/as), with their types
 * @param vars          vars captured by steps that run before this place
 * @param earlierSteps  steps that run before this place, by id
 * @param allSteps      every step of the runbook, by id (to tell "later" from "unknown")
 * @param capturedLater vars captured somewhere, by the step that captures them (to say which)
 * @param what          where the expression stands, for messages ("expect of step 'x'")
 */
record Scope(Runbook runbook, Map<String, String> bare, Set<String> vars, Map<String, Step> earlierSteps,
             Map<String, Step> allSteps, Map<String, String> capturedLater, boolean runtimeNames, String what) {

    Scope withBare(Map<String, String> more, String newWhat) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(bare);
        merged.putAll(more);
        return new Scope(runbook, merged, vars, earlierSteps, allSteps, capturedLater, runtimeNames, newWhat);
    }

    Scope named(String newWhat) {
        return new Scope(runbook, bare, vars, earlierSteps, allSteps, capturedLater, runtimeNames, newWhat);
    }
}
