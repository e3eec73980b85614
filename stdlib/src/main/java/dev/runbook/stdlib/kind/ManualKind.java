package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** An instruction for the operator, with questions whose answers the step can check. */
public final class ManualKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("manual", List.of(
            KeySpec.required("text", ValueType.TEXT, "what the operator does"),
            KeySpec.optional("ask", ValueType.DATA,
                    "questions: NAME: {type: string|int|double|bool, prompt: TEXT}")),
            "text",
            List.of(new ResultField("answers", "map", "the answers by question name"),
                    new ResultField("confirmed", "bool", "the operator confirmed the step"),
                    new ResultField("operator", "string", "who answered")),
            "the operator confirms");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.READ;
    }
}
