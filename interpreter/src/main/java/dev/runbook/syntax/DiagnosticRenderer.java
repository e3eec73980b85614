package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;

/**
 * Renders a diagnostic as compilers do: {@code path:line:col: error: message}, then the source line and a
 * caret under the column.
 */
public final class DiagnosticRenderer {
    private static final int MAX_LINE = 160;

    private DiagnosticRenderer() {
    }

    public static String render(Diagnostic diagnostic, SourceFile source) {
        SourceSpan span = diagnostic.span();
        StringBuilder out = new StringBuilder();
        out.append(source.path());
        if (span.isKnown()) {
            out.append(':').append(span.line()).append(':').append(Math.max(1, span.column()));
        }
        out.append(": ").append(diagnostic.severity().label()).append(": ").append(diagnostic.message()).append('\n');
        if (span.isKnown() && !source.text().isEmpty()) {
            String line = printable(source.line(span.line()));
            int column = Math.max(1, span.column());
            int start = 0;
            if (line.length() > MAX_LINE) {
                start = Math.max(0, Math.min(column - 1 - MAX_LINE / 2, line.length() - MAX_LINE));
                line = line.substring(start, Math.min(line.length(), start + MAX_LINE));
            }
            out.append("    ").append(line).append('\n');
            out.append("    ");
            String original = printable(source.line(span.line()));
            for (int i = start; i < column - 1 && i - start < line.length(); i++) {
                out.append(i < original.length() && original.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.append("^\n");
        }
        return out.toString();
    }

    /** Control characters and binary garbage shown as '?' so a diagnostic never writes them to a terminal. */
    private static String printable(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            out.append(c == '\t' || c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f) && c != '\ufffd' ? c : '?');
        }
        return out.toString();
    }
}
