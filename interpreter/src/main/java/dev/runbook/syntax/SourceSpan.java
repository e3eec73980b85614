package dev.runbook.syntax;

/**
 * Where a node came from: file, 1-based line and column of its first character, and of its end.
 *
 * <p>Spans are provenance, not content: two nodes that say the same thing are equal wherever they stand, so
 * that a runbook converted from YAML to the DSL and back compares equal to the original model. Hence
 * {@link #equals} holds for any two spans (as JavaParser's nodes ignore their ranges).
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0);

    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** This span moved into a text that starts at {@code origin} (a template inside a YAML scalar, ...). */
    public SourceSpan within(SourceSpan origin) {
        if (!origin.isKnown()) {
            return this;
        }
        int newLine = origin.line() + line - 1;
        int newColumn = line == 1 ? origin.column() + column - 1 : column;
        int newEndLine = origin.line() + endLine - 1;
        int newEndColumn = endLine == 1 ? origin.column() + endColumn - 1 : endColumn;
        return new SourceSpan(origin.file(), newLine, newColumn, newEndLine, newEndColumn);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceSpan;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
