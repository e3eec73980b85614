package dev.runbook.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, capturing what it prints, as jbang's CLI tests do. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** As {@link #of}, with the process environment the command and its run see (PATH, secrets, RUNBOOK_*). */
    public static CliRun withEnvironment(java.util.Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public boolean hasStackTrace() {
        String all = out + err;
        return all.contains("\tat ") || all.contains("Exception in thread") || all.matches("(?s).*\\bat [a-z]+\\.[a-z.]+\\.[A-Z]\\w*\\.\\w+\\(.*");
    }
}
