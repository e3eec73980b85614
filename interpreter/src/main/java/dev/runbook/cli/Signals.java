package dev.runbook.cli;

/**
 * SIGINT and SIGTERM during a run: instead of the JVM's default (exit at once, mid-step, with nothing recorded)
 * the run is told to stop, records run.interrupted and exits 4.
 */
final class Signals {
    private Signals() {
    }

    @SuppressWarnings("restriction")
    static void onInterrupt(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException unavailable) {
                // The signal is not available here (or already taken by the JVM): the default stays.
            }
        }
    }
}
