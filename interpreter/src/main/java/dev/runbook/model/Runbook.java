package dev.runbook.model;

import dev.runbook.ast.SourceSpan;

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
    /**
     * @param onFailure what a failure does when the step does not say (null: abort)
     */
    public record Defaults(Duration timeout, Step.OnFailure onFailure, List<Action> kinds, SourceSpan span) {
        public Defaults {
            kinds = List.copyOf(kinds);
        }

        /**
         * The action as it runs: its settings with the defaults of its kind under them (maps merged key by key,
         * the action's own value winning). The engine runs this, and `runbook doc` shows it.
         */
        public Action applyTo(Action action) {
            Action defaults = kinds.stream().filter(a -> a.kind().equals(action.kind())).findFirst().orElse(null);
            if (defaults == null) {
                return action;
            }
            java.util.Map<String, Value.Entry> merged = new java.util.LinkedHashMap<>();
            defaults.settings().forEach(e -> merged.put(e.key(), e));
            for (Value.Entry entry : action.settings()) {
                Value.Entry base = merged.get(entry.key());
                if (base != null && base.value() instanceof Value.MapValue baseMap && entry.value() instanceof Value.MapValue own) {
                    java.util.Map<String, Value.Entry> keys = new java.util.LinkedHashMap<>();
                    baseMap.entries().forEach(e -> keys.put(e.key(), e));
                    own.entries().forEach(e -> keys.put(e.key(), e));
                    merged.put(entry.key(), new Value.Entry(entry.key(),
                            new Value.MapValue(new java.util.ArrayList<>(keys.values()), own.span()), entry.span()));
                } else {
                    merged.put(entry.key(), entry);
                }
            }
            return new Action(action.kind(), new java.util.ArrayList<>(merged.values()), action.span());
        }

        public static final Defaults NONE = new Defaults(null, null, List.of(), SourceSpan.NONE);

        /** What a failure of this step does: its own on_failure, else the runbook's default, else abort. */
        public Step.OnFailure onFailureOf(Step step) {
            return step.onFailure() != null ? step.onFailure() : onFailure != null ? onFailure : Step.OnFailure.ABORT;
        }
    }
}
