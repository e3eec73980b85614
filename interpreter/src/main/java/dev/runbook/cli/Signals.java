package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.engine.Engine;

import java.io.PrintWriter;

/**
 * SIGINT and SIGTERM during a run: instead of the JVM's default (exit at once, mid-step, with nothing recorded)
 * the run is told to stop, records run.interrupted and exits 4. A step that does not stop within the grace period
 * (a driver call that ignores interrupts) does not hold the operator hostage: the run is recorded as interrupted,
 * the step is left in doubt for --resume to decide, child processes are killed, and the process ends with exit 4.
 */
final class Signals {
    /** How long a stopping run may take before it is ended by force; the contract says within a second. */
    static final long GRACE_MILLIS = 700;

    private Signals() {
    }

    @SuppressWarnings("restriction")
    static void onInterrupt(Engine engine, PrintWriter err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    engine.interrupt();
                    Thread watchdog = new Thread(() -> forceAfterGrace(engine, err), "stop-watchdog");
                    watchdog.setDaemon(true);
                    watchdog.start();
                });
            } catch (IllegalArgumentException unavailable) {
                // The signal is not available here (or already taken by the JVM): the default stays.
            }
        }
    }

    private static void forceAfterGrace(Engine engine, PrintWriter err) {
        try {
            Thread.sleep(GRACE_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        String runId;
        try {
            runId = engine.forceStop();
        } catch (RuntimeException e) {
            err.println("runbook: stopped; the audit log could not record it: " + e.getMessage());
            err.flush();
            Runtime.getRuntime().halt(ExitCode.AUDIT_FAILED.code());
            return;
        }
        if (runId == null) {
            return;  // the run ended by itself meanwhile
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        err.println("runbook: interrupted; the step that was running did not stop and is in doubt."
                + " Resume with --resume " + runId + " and decide it with --rerun or --count-as-done");
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
    }
}
