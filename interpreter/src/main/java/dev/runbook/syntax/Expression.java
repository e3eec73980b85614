package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import dev.runbook.ast.Expr;

/** A CEL expression of a runbook: its text as the author wrote it and its tree. Equal when the trees are. */
public record Expression(String source, Expr ast) {
    @Override
    public boolean equals(Object other) {
        return other instanceof Expression e && ast.equals(e.ast);
    }

    @Override
    public int hashCode() {
        return ast.hashCode();
    }

    public SourceSpan span() {
        return ast.span();
    }

    @Override
    public String toString() {
        return source;
    }
}
