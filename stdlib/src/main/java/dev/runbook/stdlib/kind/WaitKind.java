package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** A pause: a fixed duration, or until a condition over vars and steps holds. */
public final class WaitKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("wait", List.of(
            KeySpec.optional("duration", ValueType.DURATION, "how long to wait"),
            KeySpec.optional("until", ValueType.EXPRESSION, "wait until this holds"),
            KeySpec.optional("every", ValueType.DURATION, "how often to re-evaluate until (default 5s)"),
            KeySpec.optional("timeout", ValueType.DURATION, "give up after this long (default 5m)")),
            "duration",
            List.of(new ResultField("elapsed", "google.protobuf.Duration", "time waited")),
            "the wait ends (until holds before the timeout)");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.READ;
    }
}
