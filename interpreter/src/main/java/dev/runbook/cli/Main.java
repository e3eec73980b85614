package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.stdlib.UrlPasswords;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/** The entry point: runs a command and exits with its code. No stack trace reaches the user. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (versionOnly(args)) {
            // Asked by scripts and package tests before anything else: answered without building the command line,
            // whose annotations take most of a cold start to read.
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            System.exit(ExitCode.OK.code());
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line in-process (tests call this), returning the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the environment the commands and their runs see. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine cli = commandLine(out, err, environment, args);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("runbook: out of memory (this JVM may use " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB; give it more with RUNBOOK_JAVA_OPTS=-Xmx...)");
            return ExitCode.STEP_FAILED.code();
        }
    }

    private static boolean versionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The whole command line, every subcommand built (help, completion, man pages). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return commandLine(out, err, environment, new String[0]);
    }

    /**
     * The command line for these arguments: only the subcommand they name is built ({@code --version} builds none),
     * since reading a command's annotations is most of a cold start; anything else builds them all.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, String[] args) {
        CommandLine cli = new CommandLine(new RunbookCommand(environment));
        if (!versionOnly(args)) {
            String named = args.length > 0 && RunbookCommand.SUBCOMMANDS.contains(args[0])
                    && !args[0].equals("help") && !args[0].equals("generate-completion") ? args[0] : null;
            for (String name : RunbookCommand.SUBCOMMANDS) {
                if (named == null || named.equals(name)) {
                    cli.addSubcommand(name, RunbookCommand.subcommand(name));
                }
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> ExitCode.INVALID.code());
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("runbook: " + UrlPasswords.mask(e.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.INVALID.code();
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println("runbook: internal error: " + UrlPasswords.mask(String.valueOf(e)));
            if (parseResult.hasMatchedOption("--verbose") || environment.get("RUNBOOK_DEBUG") != null) {
                e.printStackTrace(failed.getErr());
            } else {
                failed.getErr().println("(set RUNBOOK_DEBUG=1 for the stack trace)");
            }
            return ExitCode.STEP_FAILED.code();
        });
        return cli;
    }
}
