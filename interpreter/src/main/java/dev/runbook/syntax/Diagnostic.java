package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;

/** One problem found in a runbook: where, how bad, and what an author should read. */
public record Diagnostic(Severity severity, SourceSpan span, String message) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
