package dev.runbook.cli;

import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.model.Step;

import java.io.PrintWriter;
import java.util.List;

/**
 * The operator's view of a run: a line per step (mark, id, the concrete action in short, elapsed), the reason and
 * the values behind a failure, and a closing summary. Colour only on a terminal without NO_COLOR.
 */
final class ConsoleReporter implements RunListener {
    private final PrintWriter out;
    private final boolean color;
    private final boolean quiet;
    private final boolean live;
    private final boolean verbose;
    private final ActionKinds kinds;
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private java.util.concurrent.ScheduledFuture<?> running;

    /**
     * @param verbose every step shows what its action returned (a failure shows it anyway)
     * @param kinds   which steps talk to the operator or print steps of their own (no live line over them)
     * @param live on a terminal: a running step shows its id and live elapsed time on the current line
     */
    ConsoleReporter(PrintWriter out, boolean color, boolean quiet, boolean live, boolean verbose, ActionKinds kinds) {
        this.verbose = verbose;
        this.kinds = kinds;
        this.out = out;
        this.color = color;
        this.quiet = quiet;
        this.live = live;
        this.ticker = live ? java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "elapsed");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    @Override
    public synchronized void stepStarted(Step step) {
        // A step that prompts waits on the operator, and the ticker would write over the prompt; a call prints the
        // lines of the runbook it runs, which the ticker would overwrite.
        if (!live || step.action() == null || kinds.find(step.action().kind()).map(ActionKind::interactive).orElse(false)) {
            return;
        }
        long start = System.nanoTime();
        running = ticker.scheduleAtFixedRate(() -> {
            synchronized (this) {
                out.print("\r\u001b[2K" + paint("… " + step.id() + "  "
                        + String.format("%.1f s", (System.nanoTime() - start) / 1e9), "90"));
                out.flush();
            }
        }, 500, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void stopTicker() {
        if (running != null) {
            running.cancel(false);
            running = null;
            out.print("\r\u001b[2K");
        }
    }

    private String paint(String text, String code) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    private String mark(StepStatus status) {
        return switch (status) {
            case PASSED -> paint(status.mark(), "32");
            case FAILED, ERRORED, DENIED -> paint(status.mark(), "31");
            default -> paint(status.mark(), "90");
        };
    }

    @Override
    public synchronized void stepFinished(StepResult result) {
        stopTicker();
        if (quiet && !result.status().isFailure()) {
            return;
        }
        if (result.status() == StepStatus.NOT_RUN) {
            out.println(paint("  " + result.id() + "  not run", "90"));
            out.flush();
            return;
        }
        StringBuilder line = new StringBuilder(mark(result.status())).append(' ').append(result.id());
        if (!result.summary().isEmpty()) {
            line.append("  ").append(result.summary());
        }
        boolean ran = result.attempts() > 0 || result.status().isFailure();
        if (ran && result.status() != StepStatus.SKIPPED && result.status() != StepStatus.PLANNED) {
            line.append("  ").append(paint(millis(result) + " ms", "90"));
        }
        if (result.attempts() > 1) {
            line.append(paint(" (" + result.attempts() + " attempts)", "90"));
        }
        out.println(line);
        if (verbose && !result.status().isFailure()) {
            result.output().forEach(output -> out.println("    " + paint(output, "90")));
        }
        if (result.status() == StepStatus.PLANNED) {
            result.explanation().forEach(detail -> out.println("    " + detail));
        }
        if (result.status().isFailure()) {
            if (result.explanation().isEmpty() && result.reason() != null) {
                out.println("    " + paint(result.reason(), "31"));
            }
            for (String explanation : result.explanation()) {
                out.println("    " + explanation);
            }
            if (result.severity() != null) {
                out.println("    severity " + result.severity());
            }
            if (result.hint() != null) {
                result.hint().lines().forEach(hintLine -> out.println("    " + paint("→ " + hintLine, "33")));
            }
        }
        out.flush();
    }

    private static long millis(StepResult result) {
        return result.elapsed().toMillis();
    }

    /** A called runbook's lines, indented under the call that runs them (which prints its own line after them). */
    @Override
    public RunListener called() {
        return new ConsoleReporter(new PrintWriter(new Indenting(out), true), color, quiet, false, verbose, kinds);
    }

    /** Writes through to another writer with four spaces at the start of every line. */
    private static final class Indenting extends java.io.Writer {
        private final java.io.Writer target;
        private boolean lineStart = true;

        Indenting(java.io.Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws java.io.IOException {
            for (int i = offset; i < offset + length; i++) {
                if (lineStart && buffer[i] != '\n') {
                    target.write("    ");
                }
                target.write(buffer[i]);
                lineStart = buffer[i] == '\n';
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            target.flush();
        }

        @Override
        public void close() {
            // the console's writer stays open
        }
    }

    @Override
    public synchronized void rollbackStarted(Step step) {
        out.println(paint("↺ rolling back " + step.id(), "33"));
        out.flush();
    }

    @Override
    public synchronized void rollbackFinished(Step step, StepResult result) {
        out.println("  " + mark(result.status()) + " rollback of " + step.id() + "  " + result.summary()
                + (result.reason() != null ? "  " + result.reason() : ""));
        out.flush();
    }

    void summary(RunResult run) {
        if (run.planDigest() != null) {
            long planned = run.steps().stream().filter(s -> s.status() == StepStatus.PLANNED).count();
            long approvals = run.steps().stream().filter(s -> s.summary().contains("approval needed")).count();
            long conditional = run.steps().stream().filter(s -> s.summary().contains("(conditional: ")).count();
            out.println("dry-run: " + planned + " steps planned, " + approvals + " approval" + (approvals == 1 ? "" : "s")
                    + " needed, " + conditional + " conditional; nothing was run · run " + run.runId());
            out.flush();
            return;
        }
        long passed = run.steps().stream().filter(s -> s.status() == StepStatus.PASSED).count();
        long failed = run.steps().stream().filter(s -> s.status().isFailure() && !run.ignoredFailure(s)).count();
        long ignoredFailures = run.steps().stream().filter(run::ignoredFailure).count();
        long skipped = run.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
        long notRun = run.steps().stream().filter(s -> s.status() == StepStatus.NOT_RUN).count();
        StringBuilder line = new StringBuilder();
        line.append(run.status().equals("passed") ? paint("passed", "32") : paint(run.status(), "31"));
        line.append(": ").append(passed).append(" passed, ").append(failed).append(" failed, ").append(skipped)
                .append(" skipped");
        if (ignoredFailures > 0) {
            line.append(", ").append(ignoredFailures).append(" failed and ignored (on_failure: ignore)");
        }
        if (notRun > 0) {
            line.append(", ").append(notRun).append(" not run");
        }
        long rolledBack = run.rollbacks().stream().filter(r -> r.status() == StepStatus.PASSED).count();
        List<StepResult> failedRollbacks = run.rollbacks().stream().filter(r -> r.status().isFailure()).toList();
        if (rolledBack > 0) {
            line.append(", ").append(rolledBack).append(" rolled back");
        }
        if (!failedRollbacks.isEmpty()) {
            line.append(", ").append(failedRollbacks.size()).append(" rollback").append(failedRollbacks.size() == 1 ? "" : "s")
                    .append(" failed");
        }
        if (run.highestSeverity() != null) {
            line.append(" · highest severity ").append(run.highestSeverity());
        }
        line.append(" · run ").append(run.runId());
        out.println(line);
        for (StepResult rollback : failedRollbacks) {
            out.println(paint("rollback of " + rollback.id() + " failed: " + (rollback.reason() == null ? rollback.summary()
                    : rollback.reason()), "31"));
        }
        if (!failedRollbacks.isEmpty()) {
            out.println(paint("the system may be half-changed: what " + failedRollbacks.stream().map(StepResult::id)
                    .collect(java.util.stream.Collectors.joining(", ")) + " did was not undone; a person must look"
                    + " before anything else runs", "31"));
        }
        if (run.status().equals("interrupted")) {
            out.println("interrupted: resume it with --resume " + run.runId());
        }
        run.steps().stream().filter(s -> s.neededFlag() != null).findFirst().ifPresent(s ->
                out.println("needs an answer: give " + s.neededFlag() + " (or run on a terminal)"));
        out.flush();
    }
}
