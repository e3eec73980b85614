package dev.runbook.model;

import dev.runbook.syntax.SourceSpan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One runbook, whichever form it was written in. Optional texts are null when absent. */
public record Runbook(String id, String title, String description, String owner, String schedule,
                      List<String> tags, List<Param> params, List<EnvironmentSet> environments,
                      List<Secret> secrets, List<Database> databases, Defaults defaults, List<Step> steps,
                      List<Step> finallySteps, SourceSpan span) {
    public Runbook {
        tags = List.copyOf(tags);
        params = List.copyOf(params);
        environments = List.copyOf(environments);
        secrets = List.copyOf(secrets);
        databases = List.copyOf(databases);
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
    }

    /** The main steps, then the finally steps. */
    public Stream<Step> allSteps() {
        return Stream.concat(steps.stream(), finallySteps.stream());
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public record Param(String name, ParamType type, Value defaultValue, String description, boolean required,
                        String pattern, List<Value> choices, SourceSpan span) {
        public Param {
            choices = List.copyOf(choices);
        }
    }

    public enum ParamType {
        STRING, INT, DOUBLE, BOOL, DURATION, LIST, MAP;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** environments.NAME: param values applied by --env NAME. */
    public record EnvironmentSet(String name, List<Value.Entry> values, SourceSpan span) {
        public EnvironmentSet {
            values = List.copyOf(values);
        }
    }

    /** secrets.NAME read from the environment variable {@code variable}. */
    public record Secret(String name, String variable, SourceSpan span) {
    }

    public record Database(String name, dev.runbook.syntax.Template url, SourceSpan span) {
    }

    /** Step defaults: a timeout, and settings per action kind (http headers, ...). */
    public record Defaults(Duration timeout, List<Action> kinds, SourceSpan span) {
        public Defaults {
            kinds = List.copyOf(kinds);
        }

        public static final Defaults NONE = new Defaults(null, List.of(), SourceSpan.NONE);
    }
}
