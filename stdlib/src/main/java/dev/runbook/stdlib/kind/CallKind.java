package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/**
 * Runs another runbook. Its effect is that of the called runbook, which only the interpreter can read; on its
 * own the kind says write, and the checker refines it.
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

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.WRITE;
    }
}
