package dev.runbook.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run: the params as given on the command line (NAME → text) and in a params file, the environment set,
 * the operator's identity, where the process environment comes from (tests pass their own), the mode, and where
 * to start (--from) or the one step to run (--only).
 */
public record RunOptions(Map<String, String> params, Path paramsFile, String environment, String actor,
                         Map<String, String> processEnvironment, String fromStep, String onlyStep, Mode mode,
                         Resume resume) {

    /**
     * What a resumed run takes from the run it continues: that run's id, its params, the steps that passed (in
     * order), the vars they captured, the approvals given, and the steps in doubt (started, never finished).
     */
    public record Resume(String runId, Map<String, Object> params, java.util.Set<String> passedSteps,
                         Map<String, Object> vars, java.util.Set<String> approvedGates, java.util.Set<String> inDoubt) {
        public Resume {
            passedSteps = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(passedSteps));
            approvedGates = java.util.Set.copyOf(approvedGates);
            inDoubt = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(inDoubt));
        }
    }

    /** exec does everything; dry-run touches nothing; read-only runs the read steps and skips the writes. */
    public enum Mode {
        EXEC("exec"), DRY_RUN("dry-run"), READ_ONLY("read-only");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public RunOptions {
        params = Map.copyOf(params);
        processEnvironment = Map.copyOf(processEnvironment);
    }

    /** A plain exec with the given params and process environment. */
    public static RunOptions exec(String actor, Map<String, String> params, Map<String, String> environment) {
        return new RunOptions(params, null, null, actor, environment, null, null, Mode.EXEC, null);
    }

    public RunOptions withMode(Mode newMode) {
        return new RunOptions(params, paramsFile, environment, actor, processEnvironment, fromStep, onlyStep, newMode, null);
    }
}
