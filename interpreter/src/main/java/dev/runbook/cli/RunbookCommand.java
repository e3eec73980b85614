package dev.runbook.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** {@code runbook}: the top command; it only dispatches to its subcommands. */
@Command(name = "runbook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runbooks as code: check, convert, evaluate and run operational procedures.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every step passed (or the files are valid)",
                "1:a step failed or errored",
                "2:usage error, or the runbook is invalid",
                "3:an approval or answer was needed and not given, or denied",
                "4:interrupted",
                "5:the audit log could not be written, or is broken",
                "6:a rollback failed: the system may be half-changed and a person must look"
        })
public final class RunbookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    /**
     * The subcommands, in the order help lists them. A command line builds only the one it runs (picocli reads each
     * command's annotations when it is added, which is most of a cold start); help, completion and a command it
     * does not know build them all. (A switch rather than a map of constructor references: the JDK 25 AOT cache
     * cannot yet archive such a map held in a static field.)
     */
    static final List<String> SUBCOMMANDS = List.of("exec", "check", "convert", "eval", "repl", "list", "doc", "audit",
            "generate-completion", "help");

    static Object subcommand(String name) {
        switch (name) {
            case "exec": return new ExecCommand();
            case "check": return new CheckCommand();
            case "convert": return new ConvertCommand();
            case "eval": return new EvalCommand();
            case "repl": return new ReplCommand();
            case "list": return new ListCommand();
            case "doc": return new DocCommand();
            case "audit": return new AuditCommand();
            case "generate-completion": return new AutoComplete.GenerateCompletion();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException("no subcommand " + name);
        }
    }

    RunbookCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The environment every command of this command line reads (RUNBOOK_USER, RUNBOOK_AUDIT_LOG, NO_COLOR, ...) and
     * gives to a run: the process's own, or the one an in-process caller passed to {@link Main#run}.
     */
    static Map<String, String> environment(CommandLine.Model.CommandSpec spec) {
        return ((RunbookCommand) spec.root().userObject()).environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }
}
