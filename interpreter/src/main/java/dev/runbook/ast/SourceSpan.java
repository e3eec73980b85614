package dev.runbook.ast;

import java.util.List;

/**
 * Where a node came from: file, 1-based line and column of its first character, and of its end.
 *
 * <p>Spans are provenance, not content: two nodes that say the same thing are equal wherever they stand, so
 * that a runbook converted from YAML to the DSL and back compares equal to the original model. Hence
 * {@link #equals} holds for any two spans (as JavaParser's nodes ignore their ranges).
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn, List<Piece> layout) {

    public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0);

    /**
     * Where a piece of a text begins in the source: the text's line and column, and the file's. A text whose lines
     * do not stand as they are in the file — a YAML block scalar, indented, or folded onto one line — carries the
     * pieces it is made of, so that a position inside it is found in the file.
     */
    public record Piece(int textLine, int textColumn, int line, int column) {
    }

    public SourceSpan(String file, int line, int column, int endLine, int endColumn) {
        this(file, line, column, endLine, endColumn, null);
    }

    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column);
    }

    /** This position, as the start of a text whose pieces lie in the file as {@code pieces} say. */
    public SourceSpan laidOut(List<Piece> pieces) {
        return new SourceSpan(file, line, column, endLine, endColumn, pieces == null ? null : List.copyOf(pieces));
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** This span moved into a text that starts at {@code origin} (a template inside a YAML scalar, ...). */
    public SourceSpan within(SourceSpan origin) {
        if (!origin.isKnown()) {
            return this;
        }
        Piece start = origin.pieceAt(line, column);
        Piece end = origin.pieceAt(endLine, endColumn);
        if (start != null && end != null) {
            return new SourceSpan(origin.file(), start.line(), start.column() + column - start.textColumn(),
                    end.line(), end.column() + endColumn - end.textColumn());
        }
        int newLine = origin.line() + line - 1;
        int newColumn = line == 1 ? origin.column() + column - 1 : column;
        int newEndLine = origin.line() + endLine - 1;
        int newEndColumn = endLine == 1 ? origin.column() + endColumn - 1 : endColumn;
        return new SourceSpan(origin.file(), newLine, newColumn, newEndLine, newEndColumn);
    }

    /** The piece of this text's layout that holds the text's line and column; null without a layout. */
    private Piece pieceAt(int textLine, int textColumn) {
        Piece found = null;
        if (layout != null) {
            for (Piece piece : layout) {
                if (piece.textLine() == textLine && piece.textColumn() <= textColumn) {
                    found = piece;
                }
            }
        }
        return found;
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
