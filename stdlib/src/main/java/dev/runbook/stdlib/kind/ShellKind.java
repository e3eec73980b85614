package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** A command run by /bin/sh -c; every ${} is inserted as one shell-quoted word. */
public final class ShellKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("shell", List.of(
            KeySpec.required("command", ValueType.TEXT, "the command line"),
            KeySpec.optional("env", ValueType.TEXT_MAP, "extra environment variables"),
            KeySpec.optional("dir", ValueType.TEXT, "working directory")),
            "command",
            List.of(new ResultField("exit_code", "int", "the exit status"),
                    new ResultField("stdout", "string", "standard output (first MiB)"),
                    new ResultField("stderr", "string", "standard error (first MiB)"),
                    new ResultField("elapsed", "google.protobuf.Duration", "run time")),
            "exit_code == 0");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.WRITE;
    }
}
