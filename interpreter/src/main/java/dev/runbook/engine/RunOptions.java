package dev.runbook.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run: the params as given on the command line (NAME → text) and in a params file, the environment set,
 * the operator's identity, and where the process environment comes from (tests pass their own).
 */
public record RunOptions(Map<String, String> params, Path paramsFile, String environment, String actor,
                         Map<String, String> processEnvironment, List<String> fromStep, String onlyStep) {
    public RunOptions {
        params = Map.copyOf(params);
        processEnvironment = Map.copyOf(processEnvironment);
        fromStep = List.copyOf(fromStep);
    }

    public static RunOptions defaults(String actor) {
        return new RunOptions(Map.of(), null, null, actor, System.getenv(), List.of(), null);
    }

    public RunOptions withParams(Map<String, String> given) {
        return new RunOptions(given, paramsFile, environment, actor, processEnvironment, fromStep, onlyStep);
    }
}
