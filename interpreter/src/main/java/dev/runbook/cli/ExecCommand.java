package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.audit.AuditLog;
import dev.runbook.audit.AuditRuns;
import dev.runbook.audit.AuditWriter;
import dev.runbook.check.Checker;
import dev.runbook.engine.AuditTrail;
import dev.runbook.engine.Engine;
import dev.runbook.engine.FlagOperator;
import dev.runbook.engine.RunAbortedException;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.RunResult;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Operator;
import dev.runbook.stdlib.UrlPasswords;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runbook exec FILE}: runs a runbook step by step. */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Run a runbook step by step.")
public final class ExecCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook.")
    Path file;

    @Option(names = {"-n", "--dry-run"}, description = "Touch nothing: print the concrete plan and its SHA-256 digest.")
    boolean dryRun;

    @Option(names = "--read-only", description = "A rehearsal: run the read steps for real, skip every write step and approval.")
    boolean readOnly;

    @Option(names = "--audit-log", paramLabel = "PATH",
            description = "Default $RUNBOOK_AUDIT_LOG, else $XDG_STATE_HOME/runbook/audit.jsonl (~/.local/state/runbook/audit.jsonl).")
    Path auditLog;

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Continue that run from its first step that did not pass, with its captured vars.")
    String resume;

    @Option(names = "--from", paramLabel = "STEP", description = "Start at this step (recorded).")
    String from;

    @Option(names = "--only", paramLabel = "STEP", description = "Run just this step (recorded).")
    String only;

    @Option(names = "--step", description = "Before each step: [r]un, [s]kip or [q]uit (needs a terminal).")
    boolean stepMode;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A param, typed by its declared type (repeatable).")
    List<String> paramPairs = new java.util.ArrayList<>();

    @Option(names = "--params-file", paramLabel = "FILE", description = "A YAML or JSON map of params.")
    Path paramsFile;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME", description = "Apply the runbook's environments.NAME.")
    String environment;

    @Option(names = "--approve", paramLabel = "STEP", description = "Pre-approve one gate (repeatable); recorded as such.")
    List<String> approvals = new java.util.ArrayList<>();

    @Option(names = "--answer", paramLabel = "STEP.FIELD=VALUE", description = "Answer a manual step's question.")
    List<String> answerPairs = new java.util.ArrayList<>();

    @Option(names = "--confirm", paramLabel = "STEP", description = "Confirm a manual step without questions.")
    List<String> confirms = new java.util.ArrayList<>();

    @Option(names = "--rerun", paramLabel = "STEP",
            description = "With --resume: run again a step in doubt (started by the killed run, never finished).")
    List<String> reruns = new java.util.ArrayList<>();

    @Option(names = "--count-as-done", paramLabel = "STEP",
            description = "With --resume: count a step in doubt as done, without running it again.")
    List<String> countedAsDone = new java.util.ArrayList<>();

    @Option(names = "--as", paramLabel = "NAME", description = "Operator identity (default $RUNBOOK_USER, else the OS user).")
    String actor;

    @Option(names = "--format", paramLabel = "text|json", description = "json: one summary object on standard output.")
    Format format = Format.text;

    @Option(names = "--report-junit", paramLabel = "PATH", description = "Write JUnit XML, one testcase per step.")
    Path junit;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Show only failures and the summary.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show what every step returned (the tail of its output, its first rows, the"
            + " start of its body), passing steps too; and stack traces of internal errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> processEnvironment = RunbookCommand.environment(spec);
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        Checker checker = new Checker(loader);
        // A run's kinds load their libraries on the other core while the file is checked (a dry-run runs nothing).
        RunbookLoader.Loaded loaded = LoadedRunbooks.loadValid(loader, checker, file, err, runbook -> {
            if (!dryRun) {
                Engine.prepare(runbook, loader.kinds());
            }
        });
        if (loaded == null) {
            return ExitCode.INVALID.code();
        }
        // NAME=VALUE split here at the first '=', not by picocli's map options, which read quotes in the value.
        Map<String, String> params = pairs(paramPairs, "--param", err);
        Map<String, String> answers = pairs(answerPairs, "--answer", err);
        if (params == null || answers == null || !optionsAgree(err)) {
            return ExitCode.INVALID.code();
        }
        String identity = actor != null ? actor : processEnvironment.getOrDefault("RUNBOOK_USER", System.getProperty("user.name"));
        RunOptions.Mode mode = dryRun ? RunOptions.Mode.DRY_RUN : readOnly ? RunOptions.Mode.READ_ONLY : RunOptions.Mode.EXEC;
        Path logPath = auditLog != null ? auditLog : AuditCommand.defaultLog(null, processEnvironment);
        AuditLog opened;
        try {
            opened = AuditLog.openForAppend(logPath, processEnvironment.get("RUNBOOK_AUDIT_KEY"));
        } catch (IOException | RuntimeException e) {
            err.println("runbook: not started: cannot write the audit log " + logPath + " (" + e.getMessage() + ")");
            return ExitCode.AUDIT_FAILED.code();
        }
        try (AuditLog log = opened) {
            String sha256 = dev.runbook.engine.Digests.sha256(Files.readAllBytes(file));
            if (!stepsExist(loaded, err)) {
                return ExitCode.INVALID.code();
            }
            RunOptions.Resume resumed = resume == null ? null : resumed(log, sha256, err);
            if (resume != null && resumed == null) {
                return ExitCode.INVALID.code();
            }
            Map<String, Object> runbookInfo = new LinkedHashMap<>();
            runbookInfo.put("id", loaded.runbook().id());
            runbookInfo.put("file", file.toString());
            runbookInfo.put("sha256", sha256);
            AuditWriter trail = new AuditWriter(log, identity, mode.label(), runbookInfo);
            RunOptions options = new RunOptions(params, paramsFile, environment, identity, processEnvironment, from, only,
                    mode, resumed);
            Operator flags = new FlagOperator(identity, new LinkedHashSet<>(approvals), answers, new LinkedHashSet<>(confirms),
                    new LinkedHashSet<>(reruns), new LinkedHashSet<>(countedAsDone));
            return run(loader, checker, loaded, options, flags, trail, log, processEnvironment);
        }
    }

    /** Options that exclude each other, or need a terminal; false (after a message) when they do not agree. */
    private boolean optionsAgree(PrintWriter err) {
        for (String step : reruns) {
            if (countedAsDone.contains(step)) {
                err.println("runbook: step '" + step + "' cannot be both re-run and counted as done: choose one");
                return false;
            }
        }
        if (stepMode && !interactive()) {
            err.println("runbook: --step asks before each step and needs a terminal; use --from or --only without one");
            return false;
        }
        if (dryRun && readOnly) {
            err.println("runbook: --dry-run and --read-only do not go together: a dry-run touches nothing at all");
            return false;
        }
        return true;
    }

    /** On a terminal and writing text: progress is live and prompts can be answered. */
    private boolean interactive() {
        return System.console() != null && format == Format.text;
    }

    private boolean stepsExist(RunbookLoader.Loaded loaded, PrintWriter err) {
        for (String stepOption : new String[] {from, only}) {
            if (stepOption != null && loaded.runbook().allSteps().noneMatch(s -> s.id().equals(stepOption))) {
                err.println("runbook: no step '" + stepOption + "' in " + file);
                return false;
            }
        }
        return true;
    }

    /** The run to resume, as the log recorded it; null (after a message) when there is none or the file changed. */
    private RunOptions.Resume resumed(AuditLog log, String sha256, PrintWriter err) throws IOException {
        AuditRuns.RecordedRun recorded = AuditRuns.find(log.path(), resume);
        if (recorded == null) {
            err.println("runbook: not resumed: no run " + resume + " in " + log.path());
            return null;
        }
        if (!sha256.equals(recorded.runbookSha256())) {
            err.println("runbook: not resumed: " + file + " changed since run " + resume
                    + " (its sha256 was " + recorded.runbookSha256() + "); start a new run instead");
            return null;
        }
        return recorded.resume();
    }

    private int run(RunbookLoader loader, Checker checker, RunbookLoader.Loaded loaded, RunOptions options, Operator flags,
                    AuditWriter trail, AuditLog log, Map<String, String> processEnvironment) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean interactive = interactive();
        // (a dry-run never prompts, so it needs no terminal)
        boolean color = interactive && !noColor && processEnvironment.get("NO_COLOR") == null;
        PrintWriter progress = format == Format.json ? new PrintWriter(Writer.nullWriter()) : out;
        ConsoleReporter reporter = new ConsoleReporter(progress, color, quiet, interactive, verbose, loader.kinds());
        boolean prompts = interactive && options.mode() != RunOptions.Mode.DRY_RUN;
        try (Terminal terminal = prompts ? TerminalBuilder.builder().system(true).build() : null) {
            Operator operator = terminal != null ? new TerminalOperator(terminal, flags, options.actor()) : flags;
            Engine engine = new Engine(loader.kinds(), loader, operator, reporter, trail, step -> checker.effectOf(step, file));
            Signals.onInterrupt(engine, err);
            if (stepMode && terminal != null) {
                engine.withGate(new StepPrompt(terminal));
            }
            RunResult result;
            try {
                result = engine.run(loaded.runbook(), file, options);
            } catch (RunAbortedException e) {
                err.println("runbook: not started: " + UrlPasswords.mask(e.getMessage()).replace("\n", "\nrunbook: not started: "));
                return ExitCode.INVALID.code();
            } catch (AuditTrail.AuditFailure e) {
                err.println("runbook: stopped: " + UrlPasswords.mask(e.getMessage()));
                return ExitCode.AUDIT_FAILED.code();
            }
            report(result, loaded, reporter, log, out);
            return result.exitCode();
        }
    }

    private void report(RunResult result, RunbookLoader.Loaded loaded, ConsoleReporter reporter, AuditLog log,
                        PrintWriter out) throws IOException {
        if (format == Format.json) {
            out.println(RunReports.json(result, loaded.runbook().id()));
        } else {
            reporter.summary(result);
            if (result.planDigest() != null) {
                out.println("plan sha256: " + result.planDigest());
            }
            if (!quiet) {
                out.println("audit log: " + log.path());
            }
        }
        if (junit != null) {
            Files.writeString(junit, RunReports.junit(result, loaded.runbook().id()), StandardCharsets.UTF_8);
        }
        out.flush();
    }

    /** NAME=VALUE options as a map, the value exactly as given; null (after a message) when one has no '='. */
    private static Map<String, String> pairs(List<String> given, String option, PrintWriter err) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : given) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                err.println("runbook: " + option + " takes NAME=VALUE, not '" + pair + "'");
                return null;
            }
            map.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return map;
    }
}
