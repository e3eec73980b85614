package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.engine.ExpressionSession;
import dev.runbook.expr.Values;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runbook eval [EXPR] [--var NAME=VALUE]...}: one expression, or one a line from standard input. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a CEL expression and print its value as a CEL literal.",
                "Without EXPR, read one expression a line from standard input and write one result a line."})
public final class EvalCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "EXPR", description = "The expression.")
    String expression;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A variable; VALUE is read as a CEL literal (5, true, [1,2], 30s) when it is one, else as text.")
    Map<String, String> vars = Map.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ExpressionSession session = new ExpressionSession();
        vars.forEach((name, value) -> session.define(name, ExpressionSession.parseVariable(value)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (expression != null) {
            return print(session.evaluate(expression), out, err, false);
        }
        int worst = ExitCode.OK.code();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                out.println();
                continue;
            }
            worst = Math.max(worst, print(session.evaluate(line), out, err, true));
        }
        return worst;
    }

    /** One result: the value on standard output; an error on standard error (and, a line per line, "error" out). */
    private static int print(ExpressionSession.Outcome outcome, PrintWriter out, PrintWriter err, boolean lineMode) {
        if (outcome.ok()) {
            out.println(Values.format(outcome.value()));
            out.flush();
            return ExitCode.OK.code();
        }
        if (lineMode) {
            out.println(outcome.invalid() ? "<invalid expression>" : "<error>");
            out.flush();
        }
        err.println(outcome.message());
        err.flush();
        return outcome.invalid() ? ExitCode.INVALID.code() : ExitCode.STEP_FAILED.code();
    }
}
