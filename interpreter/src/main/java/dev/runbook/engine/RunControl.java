package dev.runbook.engine;

/** What a run and the runbooks it calls share to be stopped together: one stop request, one audit lock. */
final class RunControl {
    final Object auditLock = new Object();
    volatile boolean interrupted;
    /** After a forced stop, nothing more is written: the log ends with run.interrupted. */
    volatile boolean sealed;
    volatile Thread running;
    /** What stops the actions in flight that an interrupt of their thread does not reach (ActionContext.onInterrupt). */
    final java.util.Set<Runnable> stops = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The top-level run's state and whether its last event (run.finished or run.interrupted) is written. */
    volatile RunState topLevel;
    volatile boolean closed;
}
