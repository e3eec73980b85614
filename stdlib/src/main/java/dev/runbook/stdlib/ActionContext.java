package dev.runbook.stdlib;

import java.time.Duration;
import java.util.function.Supplier;

/** What an executing action may ask of its run. */
public interface ActionContext {

    String stepId();

    /** The time one attempt may take. */
    Duration timeout();

    /** A resource shared by the whole run (one HTTP client, one connection per database), closed when it ends. */
    <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> create);

    /** The connection URL of a declared database, rendered. */
    String databaseUrl(String name) throws ActionException;

    Operator operator();

    /**
     * The process environment of the run: what {@code env.X} reads, and what a child process inherits. It is the
     * command's own environment, or the one an embedding program (a test) gave the run.
     */
    java.util.Map<String, String> environment();

    /** True when the step must not change anything (its effect is read, or the run is a read-only rehearsal). */
    boolean readOnly();

    /**
     * Evaluates the step's expectations and captures against this result before the action commits (an sql
     * transaction): false means they failed and the action must be undone.
     */
    boolean accept(ActionResult result) throws ActionException;

    /** Evaluates an expression setting now (wait.until), as many times as the action needs. */
    boolean condition(String key) throws ActionException;

    /** Other runbooks, to run one as a nested run (call). */
    Runbooks runbooks();

    /** The write steps that follow this one, for an approval prompt. */
    java.util.List<String> writesAhead();

    /**
     * Makes {@code stop} run if the run is interrupted (SIGINT, SIGTERM) while the returned registration is open, at
     * once if it already was: for an action blocked where {@code Thread.interrupt} does not reach, such as a socket
     * read on the action's own thread. {@code stop} may run on another thread.
     */
    default Registration onInterrupt(Runnable stop) {
        return () -> {
        };
    }

    /** What {@link #onInterrupt} registered, until closed. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
