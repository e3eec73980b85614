package dev.runbook.doc;

import dev.runbook.ast.Durations;
import dev.runbook.model.Action;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.model.Value;
import dev.runbook.model.ValueText;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Texts;

import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.function.Function;

/**
 * A runbook as Markdown a person can follow by hand: purpose, params, and every step with its exact action
 * (templates shown as written, so the reader sees where each value comes from), its expectations and approvals.
 */
public final class MarkdownDoc {
    private final StringBuilder out = new StringBuilder();
    private final ActionKinds kinds;
    private final Function<Step, Effect> effects;
    private final Runbook.Defaults defaults;

    private MarkdownDoc(ActionKinds kinds, Function<Step, Effect> effects, Runbook.Defaults defaults) {
        this.kinds = kinds;
        this.effects = effects;
        this.defaults = defaults;
    }

    public static String write(Runbook runbook, ActionKinds kinds, Function<Step, Effect> effects) {
        MarkdownDoc doc = new MarkdownDoc(kinds, effects, runbook.defaults());
        doc.runbook(runbook);
        return doc.out.toString();
    }

    private void runbook(Runbook r) {
        out.append("# ").append(r.title()).append("\n\n");
        out.append("`").append(r.id()).append("`");
        if (r.owner() != null) {
            out.append(" · owner: ").append(r.owner());
        }
        if (r.schedule() != null) {
            out.append(" · schedule: `").append(r.schedule()).append("`");
        }
        if (!r.tags().isEmpty()) {
            out.append(" · tags: ").append(String.join(", ", r.tags()));
        }
        out.append("\n\n");
        if (r.description() != null) {
            out.append(Texts.block(r.description())).append("\n\n");
        }
        if (!r.params().isEmpty()) {
            out.append("## Parameters\n\n| name | type | default | required | description |\n|---|---|---|---|---|\n");
            for (Runbook.Param p : r.params()) {
                String constraint = p.pattern() != null ? " (pattern `" + p.pattern() + "`)" : "";
                if (!p.choices().isEmpty()) {
                    constraint += " (one of " + String.join(", ", p.choices().stream().map(this::inline).toList()) + ")";
                }
                out.append("| `").append(p.name()).append("` | ").append(p.type().label()).append(" | ")
                        .append(p.defaultValue() == null ? "" : inline(p.defaultValue())).append(" | ")
                        .append(p.required() ? "yes" : "").append(" | ")
                        .append(p.description() == null ? "" : p.description()).append(constraint).append(" |\n");
            }
            out.append('\n');
        }
        for (Runbook.EnvironmentSet set : r.environments()) {
            out.append("Environment `").append(set.name()).append("` sets ");
            out.append(String.join(", ", set.values().stream().map(e -> "`" + e.key() + "` = " + inline(e.value())).toList()));
            out.append(".\n\n");
        }
        if (!r.secrets().isEmpty() || !r.databases().isEmpty()) {
            out.append("## What you need\n\n");
            r.secrets().forEach(s -> out.append("- secret `").append(s.name()).append("`: environment variable `")
                    .append(s.variable()).append("`\n"));
            r.databases().forEach(d -> out.append("- database `").append(d.name()).append("`: `")
                    .append(d.url().source()).append("`\n"));
            out.append('\n');
        }
        out.append("## Steps\n\n");
        int number = 1;
        for (Step step : r.steps()) {
            step(number++, step);
        }
        if (!r.finallySteps().isEmpty()) {
            out.append("## Always, at the end (even after a failure)\n\n");
            for (Step step : r.finallySteps()) {
                step(number++, step);
            }
        }
    }

    private void step(int number, Step s) {
        out.append("### ").append(number).append(". ").append(s.displayTitle());
        if (s.title() != null) {
            out.append(" (`").append(s.id()).append("`)");
        }
        out.append("\n\n");
        List<String> facts = new ArrayList<>();
        if (s.severity() != null) {
            facts.add("Severity **" + s.severity().name() + "**.");
        }
        if (s.action() != null) {
            facts.add(effects.apply(s) == Effect.WRITE ? "Changes things." : "Only reads.");
        }
        out.append(String.join(" ", facts)).append('\n');
        if (s.description() != null) {
            out.append('\n').append(Texts.block(s.description())).append('\n');
        }
        if (s.when() != null) {
            out.append("\nOnly when `").append(s.when().source()).append("`.\n");
        }
        if (s.forEach() != null) {
            out.append("\nFor each `").append(s.forEach().variable()).append("` in `").append(s.forEach().source())
                    .append("`").append(s.forEach().parallel() != null ? ", " + s.forEach().parallel() + " at a time" : "")
                    .append(":\n");
        }
        out.append('\n');
        if (s.action() != null) {
            // as it runs: a header or working directory from defaults is part of what the reader must do
            action(defaults.applyTo(s.action()));
        }
        if (!s.expect().isEmpty()) {
            out.append("Check that:\n\n");
            s.expect().forEach(e -> out.append("- `").append(e.source()).append("`\n"));
            out.append('\n');
        } else if (s.action() != null) {
            kinds.find(s.action().kind()).ifPresent(k ->
                    out.append("Check that ").append(k.descriptor().defaultExpect()).append(".\n\n"));
        }
        if (!s.captures().isEmpty()) {
            out.append("Note down: ");
            out.append(String.join(", ", s.captures().stream().map(c -> "`" + c.name() + "` = `" + c.value().source() + "`").toList()));
            out.append(".\n\n");
        }
        List<String> limits = new ArrayList<>();
        if (s.timeout() != null) {
            limits.add("Give up after " + Durations.literal(s.timeout()) + ".");
        }
        if (s.retry() != null) {
            Step.Retry r = s.retry();
            limits.add("Retry" + (r.attempts() != null ? " up to " + r.attempts() + " times" : "")
                    + (r.interval() != null ? ", " + Durations.literal(r.interval()) + " apart" : "")
                    + (r.backoff() != null ? " (×" + r.backoff() + " each time)" : "")
                    + (r.until() != null ? ", until `" + r.until().source() + "`" : "") + ".");
        }
        Step.OnFailure onFailure = defaults.onFailureOf(s);
        if (onFailure == Step.OnFailure.CONTINUE) {
            limits.add("If it fails, go on with the next step; the run still counts as failed.");
        } else if (onFailure == Step.OnFailure.IGNORE) {
            limits.add("If it fails, note it and go on: the run can still pass.");
        }
        if (!limits.isEmpty()) {
            out.append(String.join(" ", limits)).append("\n\n");
        }
        if (s.hint() != null) {
            out.append("**If it fails:** ").append(Texts.block(s.hint().source().replace("$${", "${"))).append("\n\n");
        }
        if (s.rollback() != null) {
            out.append("If the run fails later, undo this step:\n\n");
            action(defaults.applyTo(s.rollback()));
        }
    }

    /** The action as its kind tells a person to do it by hand. */
    private void action(Action a) {
        Map<String, Object> written = a.writtenSettings();
        String paragraph = kinds.find(a.kind()).map(kind -> kind.doc(written))
                .orElseGet(() -> "`" + a.kind() + "`: " + String.join(", ", written.entrySet().stream()
                        .map(e -> e.getKey() + " `" + Texts.inline(e.getValue()) + "`").toList()));
        out.append(paragraph).append("\n\n");
    }

    /** A value as the author wrote it: templates with their ${...}, expressions as source. */
    private String inline(Value value) {
        return ValueText.of(value, false);
    }
}
