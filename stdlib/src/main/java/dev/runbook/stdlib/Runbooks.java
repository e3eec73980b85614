package dev.runbook.stdlib;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Other runbooks, as the interpreter offers them to a kind that calls one: what the checker knows of them, and
 * (while a run goes on) running one as a nested run. Paths are relative to the calling runbook's folder.
 */
public interface Runbooks {

    /** The runbook a path names; empty when no file is there. */
    Optional<Callee> find(String path);

    /** Where a path leads, for a message that no runbook is there. */
    String resolve(String path);

    /**
     * Runs the runbook as a nested run of this one: its own params (given), vars and steps, the same operator,
     * audit log and mode. Only while a run goes on.
     *
     * @throws ActionException when it cannot start (it has errors, a param is missing)
     */
    default Outcome run(String path, Map<String, Object> params) throws ActionException {
        throw new ActionException("runbooks are run only by a run");
    }

    /**
     * A called runbook as the checker reads it.
     *
     * @param file          its file name, for messages
     * @param resolved      its path resolved against the caller's folder
     * @param valid         false when it has errors of its own
     * @param params        its params: name → required
     * @param effect        write when any of its steps may change things
     * @param approvesFirst whether it asks for an approval before its first write
     * @param cycle         the file names of a call cycle through it back to itself or its caller; empty when none
     */
    record Callee(String file, String resolved, boolean valid, Map<String, Boolean> params, Effect effect,
                  boolean approvesFirst, List<String> cycle) {
        public Callee {
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
            cycle = List.copyOf(cycle);
        }
    }

    /**
     * How a nested run ended.
     *
     * @param status     passed, failed, denied, needs-answer...
     * @param exitCode   the exit code it would have had on its own
     * @param vars       its captures, plain values
     * @param failedStep the first failing step that was not tolerated, or null
     * @param reason     that step's reason, or null
     * @param severity   the highest severity among its failures (P0, P1, P2, P3), or null
     */
    record Outcome(String status, int exitCode, Map<String, Object> vars, String failedStep, String reason,
                   String severity) {
    }
}
