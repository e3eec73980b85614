package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Evidence;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run by /bin/sh -c; every ${} is inserted as one shell-quoted word. */
public final class ShellKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("shell", List.of(
            KeySpec.required("command", ValueType.SHELL_COMMAND, "the command line"),
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

    @Override
    public String plan(ResolvedAction action) {
        return action.string("command", "");
    }

    /** The last lines the command wrote to each stream: where a failing command says why. */
    @Override
    public List<String> evidence(ActionResult result) {
        List<String> lines = new java.util.ArrayList<>(Evidence.lastLines("stdout", result.fields().get("stdout"), 4));
        lines.addAll(Evidence.lastLines("stderr", result.fields().get("stderr"), 4));
        return lines;
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        String command = action.string("command", "");
        ProcessTree tree = new ProcessTree();
        ProcessBuilder builder = new ProcessBuilder(tree.command(command));
        // The child sees the run's environment (the one env.X reads), not whatever the JVM happened to start with.
        builder.environment().clear();
        builder.environment().putAll(context.environment());
        action.map("env").forEach((k, v) -> builder.environment().put(k, String.valueOf(v)));
        tree.mark(builder.environment());
        if (action.has("dir")) {
            builder.directory(new File(action.string("dir")));
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionException("cannot start /bin/sh: " + e.getMessage());
        }
        BoundedCapture stdout = new BoundedCapture(process.getInputStream());
        BoundedCapture stderr = new BoundedCapture(process.getErrorStream());
        Thread out = new Thread(stdout, "shell-stdout");
        Thread err = new Thread(stderr, "shell-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        Duration timeout = context.timeout();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.kill(process);
                throw new ActionException("timed out after " + timeout.toMillis() + " ms, process tree killed: " + command);
            }
            out.join(2000);
            err.join(2000);
        } catch (InterruptedException e) {
            tree.kill(process);
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted, process tree killed: " + command);
        }
        int exit = process.exitValue();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("exit_code", (long) exit);
        fields.put("stdout", stdout.text());
        fields.put("stderr", stderr.text());
        fields.put("elapsed", Duration.ofNanos(System.nanoTime() - start));
        return new ActionResult(fields, "exit " + exit);
    }

    /** A command may build, restore or migrate: longer than a request, still bounded. */
    @Override
    public java.time.Duration defaultTimeout() {
        return java.time.Duration.ofMinutes(10);
    }

    @Override
    public String defaultExpectation() {
        return "exit_code == 0";
    }

    @Override
    public String doc(Map<String, Object> written) {
        StringBuilder out = new StringBuilder("Run");
        if (written.containsKey("dir")) {
            out.append(" in `").append(Texts.inline(written.get("dir"))).append("`");
        }
        out.append(":\n\n```sh\n").append(Texts.inline(written.get("command"))).append("\n```");
        if (written.get("env") instanceof Map<?, ?>) {
            out.append("\n\nwith environment ").append(Texts.pairs(written.get("env"))).append(".");
        }
        return out.toString();
    }

    /** The JDK's process launcher, initialised while the run is still being checked (nothing is started). */
    @Override
    public void prepare() {
        try {
            Class.forName("java.lang.ProcessImpl", true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        new ProcessBuilder("true").environment();
        new ProcessTree().command("true");
        ProcessHandle.current().info();
    }
}
