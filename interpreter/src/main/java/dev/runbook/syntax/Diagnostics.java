package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Diagnostics collected while reading and checking a file: every problem is recorded and the work goes on,
 * so that an author sees them all at once.
 */
public final class Diagnostics {
    /** Past this many, further diagnostics of a file are counted but not kept (garbage input). */
    static final int LIMIT = 100;

    private final List<Diagnostic> items = new ArrayList<>();
    private int dropped;

    public void error(SourceSpan span, String message) {
        add(new Diagnostic(Diagnostic.Severity.ERROR, span, message));
    }

    public void warning(SourceSpan span, String message) {
        add(new Diagnostic(Diagnostic.Severity.WARNING, span, message));
    }

    public void add(Diagnostic diagnostic) {
        if (items.size() >= LIMIT) {
            dropped++;
            return;
        }
        for (Diagnostic existing : items) {
            if (existing.message().equals(diagnostic.message())
                    && existing.span().line() == diagnostic.span().line()
                    && existing.span().column() == diagnostic.span().column()) {
                return;
            }
        }
        items.add(diagnostic);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count() + dropped;
    }

    public int dropped() {
        return dropped;
    }

    /** In source order. */
    public List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().column()));
        return sorted;
    }
}
