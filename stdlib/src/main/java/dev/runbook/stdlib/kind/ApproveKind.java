package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** An approval gate: the run goes on only when an allowed approver says yes. */
public final class ApproveKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("approve", List.of(
            KeySpec.required("prompt", ValueType.TEXT, "the question put to the approver"),
            KeySpec.optional("approvers", ValueType.STRING_LIST, "identities allowed to approve; empty = anyone"),
            KeySpec.optional("timeout", ValueType.DURATION, "how long to wait for an answer")),
            "prompt",
            List.of(new ResultField("approver", "string", "who approved"),
                    new ResultField("approved", "bool", "the answer"),
                    new ResultField("reason", "string", "the reason given")),
            "an allowed approver says yes");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.WRITE;
    }
}
