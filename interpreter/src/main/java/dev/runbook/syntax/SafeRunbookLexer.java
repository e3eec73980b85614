package dev.runbook.syntax;

import dev.runbook.grammar.RunbookLexer;
import org.antlr.v4.runtime.CharStream;

/**
 * The generated lexer, made safe against a stray '}': braces pop the mode stack, and an unbalanced one must
 * become a syntax error the parser reports, not an EmptyStackException.
 */
final class SafeRunbookLexer extends RunbookLexer {
    SafeRunbookLexer(CharStream input) {
        super(input);
    }

    @Override
    public int popMode() {
        if (_modeStack.isEmpty()) {
            return _mode;
        }
        return super.popMode();
    }
}
