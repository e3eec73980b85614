package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.CheckContext;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.Runbooks;
import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ValueType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs another runbook as a nested run, through the service the interpreter offers ({@link Runbooks}). Its effect
 * is that of the called runbook; it passes when the called runbook passes.
 */
public final class CallKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("call", List.of(
            KeySpec.required("path", ValueType.STRING, "the runbook, relative to this file"),
            KeySpec.optional("with", ValueType.DATA, "its params")),
            "path",
            List.of(new ResultField("status", "string", "the called run's status"),
                    new ResultField("vars", "map", "the called runbook's captures")),
            "the called runbook passes");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** On its own a call may write; what it calls decides. */
    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.WRITE;
    }

    @Override
    public Effect effect(Map<String, String> literals, Runbooks runbooks) {
        return callee(literals, runbooks).map(Runbooks.Callee::effect).orElse(Effect.WRITE);
    }

    @Override
    public boolean approvesItsOwnWrites(Map<String, String> literals, Runbooks runbooks) {
        return callee(literals, runbooks).map(Runbooks.Callee::approvesFirst).orElse(false);
    }

    private Optional<Runbooks.Callee> callee(Map<String, String> literals, Runbooks runbooks) {
        return calls(literals).stream().findFirst().flatMap(runbooks::find);
    }

    @Override
    public List<String> calls(Map<String, String> literals) {
        return literals.containsKey("path") ? List.of(literals.get("path")) : List.of();
    }

    @Override
    public String writeLabel(Map<String, String> literals) {
        return literals.containsKey("path") ? "call " + literals.get("path") : "call";
    }

    /** The called runbook prints its own steps, indented under the call. */
    @Override
    public boolean interactive() {
        return true;
    }

    /** The file is there, no call cycle runs through it, it has no errors, and with gives exactly its params. */
    @Override
    public void check(Map<String, Object> written, CheckContext context) {
        if (!(written.get("path") instanceof String path)) {
            return;
        }
        Optional<Runbooks.Callee> found = context.runbooks().find(path);
        if (found.isEmpty()) {
            context.error(List.of("path"), "no runbook file at " + path + " (resolved against this file's folder: "
                    + context.runbooks().resolve(path) + ")");
            return;
        }
        Runbooks.Callee callee = found.get();
        if (!callee.cycle().isEmpty()) {
            context.error(List.of("path"), "call cycle: " + String.join(" → ", callee.cycle()));
            return;
        }
        if (!callee.valid()) {
            context.error(List.of("path"), "the called runbook " + callee.file() + " has errors: run runbook check on it");
            return;
        }
        Map<?, ?> with = written.get("with") instanceof Map<?, ?> m ? m : Map.of();
        for (Object name : with.keySet()) {
            if (!callee.params().containsKey(String.valueOf(name))) {
                context.errorAtKey(List.of("with", String.valueOf(name)), callee.file() + " has no param '" + name + "'"
                        + Texts.didYouMean(String.valueOf(name), callee.params().keySet()));
            }
        }
        callee.params().forEach((name, required) -> {
            if (required && !with.containsKey(name)) {
                context.error(List.of("path"), callee.file() + " requires param '" + name + "': pass it with with:");
            }
        });
    }

    @Override
    public String plan(ResolvedAction action) {
        return "call " + action.string("path", "");
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        String path = action.string("path");
        if (path == null) {
            throw new ActionException("call needs a path");
        }
        Runbooks.Outcome outcome = context.runbooks().run(path, action.map("with"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", outcome.status());
        fields.put("vars", outcome.vars());
        // A called runbook that did not pass fails its step with the reason of its first failing step.
        ActionResult.Failure failure = outcome.exitCode() == 0 ? null : new ActionResult.Failure(outcome.exitCode() == 3,
                outcome.failedStep() == null ? path + " ended " + outcome.status()
                        : path + " failed at step '" + outcome.failedStep() + "': " + outcome.reason(), outcome.severity());
        return new ActionResult(fields, "call " + path + " → " + outcome.status(), failure);
    }

    @Override
    public String doc(Map<String, Object> written) {
        StringBuilder out = new StringBuilder("Follow the runbook `").append(Texts.inline(written.get("path"))).append("`");
        if (written.get("with") instanceof Map<?, ?>) {
            out.append(" with ").append(Texts.pairs(written.get("with")));
        }
        return out.append(".").toString();
    }
}
