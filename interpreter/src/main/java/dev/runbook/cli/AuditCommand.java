package dev.runbook.cli;

import dev.runbook.audit.AuditTimeline;
import dev.runbook.audit.AuditVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runbook audit verify|show}: the audit log checked, or read as a timeline. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify or show the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
public final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say verify or show");
    }

    /** The log a command uses: the one given, else $RUNBOOK_AUDIT_LOG, else .runbook/audit.jsonl here. */
    static Path defaultLog(Path given, Map<String, String> environment) {
        if (given != null) {
            return given;
        }
        String env = environment.get("RUNBOOK_AUDIT_LOG");
        return env != null ? Path.of(env) : Path.of(".runbook", "audit.jsonl");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the hash chain (and the HMACs when RUNBOOK_AUDIT_KEY is set); name the first bad line.")
    static final class Verify implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "LOG", description = "The log (default as exec).")
        Path log;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path path = defaultLog(log, RunbookCommand.environment(spec));
            if (!Files.isRegularFile(path)) {
                spec.commandLine().getErr().println("runbook: no audit log at " + path);
                return ExitCodes.AUDIT_FAILED;
            }
            try {
                String key = RunbookCommand.environment(spec).get("RUNBOOK_AUDIT_KEY");
                AuditVerifier.Verdict verdict = AuditVerifier.verify(path, key);
                if (verdict.ok()) {
                    spec.commandLine().getOut().println(path + ": " + verdict.lines() + " lines, chain intact"
                            + (key != null && !key.isEmpty() ? ", every HMAC holds" : " (no RUNBOOK_AUDIT_KEY: HMACs not checked)"));
                    return ExitCodes.OK;
                }
                spec.commandLine().getErr().println(path + ":" + verdict.badLine() + ": broken: " + verdict.problem());
                return ExitCodes.AUDIT_FAILED;
            } catch (IOException e) {
                spec.commandLine().getErr().println("runbook: cannot read " + path + ": " + e.getMessage());
                return ExitCodes.AUDIT_FAILED;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The audit log as a readable timeline.")
    static final class Show implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "LOG", description = "The log (default as exec).")
        Path log;

        @Option(names = "--run", paramLabel = "ID", description = "Only this run.")
        String run;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path path = defaultLog(log, RunbookCommand.environment(spec));
            try {
                AuditTimeline.lines(path, run).forEach(spec.commandLine().getOut()::println);
                return ExitCodes.OK;
            } catch (IOException e) {
                spec.commandLine().getErr().println("runbook: cannot read " + path + ": " + e.getMessage());
                return ExitCodes.AUDIT_FAILED;
            }
        }
    }
}
