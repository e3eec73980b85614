package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** A line for the operator and the audit log. */
public final class LogKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("log", List.of(
            KeySpec.required("message", ValueType.TEXT, "the text")),
            "message",
            List.of(new ResultField("message", "string", "the text as logged")),
            "always passes");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.READ;
    }

    @Override
    public String plan(ResolvedAction action) {
        return "log " + action.string("message", "");
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) {
        String message = action.string("message", "");
        return new ActionResult(Map.of("message", message), message);
    }

    @Override
    public String doc(Map<String, Object> written) {
        return "Note: " + Texts.inline(written.get("message"));
    }
}
