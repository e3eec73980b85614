package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.audit.AuditLog;
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
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify, show or repair the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class, AuditCommand.Repair.class})
public final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say verify, show or repair");
    }

    /**
     * The log a command uses: the one given, else $RUNBOOK_AUDIT_LOG, else the user's state folder
     * ($XDG_STATE_HOME/runbook/audit.jsonl, ~/.local/state/runbook/audit.jsonl), so that a run can be resumed, shown
     * and verified from any folder.
     */
    static Path defaultLog(Path given, Map<String, String> environment) {
        if (given != null) {
            return given;
        }
        String env = environment.get("RUNBOOK_AUDIT_LOG");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        String state = environment.get("XDG_STATE_HOME");
        if (state == null || state.isEmpty() || !Path.of(state).isAbsolute()) {
            String home = environment.get("HOME");
            state = Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".local", "state")
                    .toString();
        }
        return Path.of(state, "runbook", "audit.jsonl");
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
                return ExitCode.AUDIT_FAILED.code();
            }
            try {
                String key = RunbookCommand.environment(spec).get("RUNBOOK_AUDIT_KEY");
                AuditVerifier.Verdict verdict = AuditVerifier.verify(path, key);
                if (verdict.ok()) {
                    spec.commandLine().getOut().println(path + ": " + verdict.lines() + " lines, chain intact"
                            + (key != null && !key.isEmpty() ? ", every HMAC holds" : " (no RUNBOOK_AUDIT_KEY: HMACs not checked)"));
                    return ExitCode.OK.code();
                }
                spec.commandLine().getErr().println(path + ":" + verdict.badLine() + ": broken: " + verdict.problem());
                return ExitCode.AUDIT_FAILED.code();
            } catch (IOException e) {
                spec.commandLine().getErr().println("runbook: cannot read " + path + ": " + e.getMessage());
                return ExitCode.AUDIT_FAILED.code();
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
                return ExitCode.OK.code();
            } catch (IOException e) {
                spec.commandLine().getErr().println("runbook: cannot read " + path + ": " + e.getMessage());
                return ExitCode.AUDIT_FAILED.code();
            }
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "After a cut-short last line (disk full, power lost): keep its bytes in an audit.repaired event"
                    + " and continue the chain. Nothing else in the log changes.")
    static final class Repair implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "LOG", description = "The log (default as exec).")
        Path log;

        @Option(names = "--as", paramLabel = "NAME", description = "Who repairs (default $RUNBOOK_USER, else the OS user).")
        String actor;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, String> environment = RunbookCommand.environment(spec);
            Path path = defaultLog(log, environment);
            if (!Files.isRegularFile(path)) {
                spec.commandLine().getErr().println("runbook: no audit log at " + path);
                return ExitCode.AUDIT_FAILED.code();
            }
            String who = actor != null ? actor : environment.getOrDefault("RUNBOOK_USER", System.getProperty("user.name"));
            Map<String, Object> event = new java.util.LinkedHashMap<>();
            event.put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            event.put("event", "audit.repaired");
            event.put("actor", who);
            try (AuditLog audit = AuditLog.open(path, environment.get("RUNBOOK_AUDIT_KEY"))) {
                long moved = audit.repair(event);
                if (moved < 0) {
                    spec.commandLine().getOut().println(path + ": no cut-short line; nothing to repair");
                    return ExitCode.OK.code();
                }
                spec.commandLine().getOut().println(path + ": the cut-short last line (" + moved + " bytes) is kept in an"
                        + " audit.repaired event; the chain goes on. Check it with: runbook audit verify " + path);
                return ExitCode.OK.code();
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("runbook: cannot repair " + path + ": " + e.getMessage());
                return ExitCode.AUDIT_FAILED.code();
            }
        }
    }
}
