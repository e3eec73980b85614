package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import dev.runbook.grammar.RunbookLexer;
import dev.runbook.grammar.RunbookParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.function.Function;

/**
 * The front end of the grammar: lexes, checks nesting depth, parses in SLL mode and re-parses in LL mode only
 * when SLL fails (as Trino's SqlParser does), turning every syntax error into a {@link Diagnostic}.
 */
public final class Parsing {
    /** Deeper nesting than this is refused before parsing: a runbook never needs it, a recursive parser dies of it. */
    public static final int MAX_NESTING = 100;

    private Parsing() {
    }

    /*
     * One lexer and one parser per thread, reset for each text: a runbook holds dozens of expressions and templates,
     * and building the recognizers anew for each was a measurable share of `check`. Trees already built keep their
     * own tokens, so reuse is safe even when a caller parses again while visiting an earlier tree.
     */
    private static final ThreadLocal<SafeRunbookLexer> LEXER = ThreadLocal.withInitial(() -> {
        SafeRunbookLexer lexer = new SafeRunbookLexer(CharStreams.fromString(""));
        lexer.removeErrorListeners();
        return lexer;
    });
    private static final ThreadLocal<RunbookParser> PARSER = ThreadLocal.withInitial(() ->
            new RunbookParser(new CommonTokenStream(LEXER.get())));

    /** Parses with the given entry rule; null when the text has syntax errors (then reported to diagnostics). */
    static <T> T parse(String text, boolean template, SourceSpan origin, Diagnostics diagnostics,
                       Function<RunbookParser, T> entry) {
        SafeRunbookLexer lexer = LEXER.get();
        lexer.setInputStream(CharStreams.fromString(text));
        if (template) {
            lexer.pushMode(RunbookLexer.TEMPLATE);
        }
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!nestingWithinBounds(tokens, origin, diagnostics)) {
            return null;
        }
        RunbookParser parser = PARSER.get();
        parser.setTokenStream(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return entry.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            CollectingListener listener = new CollectingListener(origin, diagnostics);
            parser.addErrorListener(listener);
            try {
                T tree = entry.apply(parser);
                return listener.errors == 0 ? tree : null;
            } catch (TooManyErrors stop) {
                diagnostics.error(origin.isKnown() ? origin : SourceSpan.at(origin.file(), 1, 1),
                        "too many syntax errors; stopped reading here");
                return null;
            }
        }
    }

    /**
     * A piece of a template as the lexer cuts it: literal text ({@code expression} false; a {@code $${} escape is
     * already its "${"), or the source of one interpolation, between its "${" and its "}", with the line and column
     * where that source starts in the template.
     */
    record TemplatePiece(String text, boolean expression, int line, int column) {
    }

    /**
     * The template cut into its text and the sources of its interpolations by the lexer alone, for the expressions
     * to be parsed one by one; null when it does not lex into whole interpolations nested within bounds (then the
     * template's own parse reports why).
     */
    static java.util.List<TemplatePiece> templatePieces(String text) {
        SafeRunbookLexer lexer = LEXER.get();
        lexer.setInputStream(CharStreams.fromString(text));
        lexer.pushMode(RunbookLexer.TEMPLATE);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!nestingWithinBounds(tokens, SourceSpan.NONE, new Diagnostics())) {
            return null;
        }
        java.util.List<TemplatePiece> pieces = new java.util.ArrayList<>();
        java.util.List<Token> all = tokens.getTokens();
        for (int i = 0; i < all.size(); i++) {
            Token token = all.get(i);
            switch (token.getType()) {
                case RunbookLexer.TEMPLATE_TEXT -> pieces.add(new TemplatePiece(token.getText(), false, 0, 0));
                case RunbookLexer.TEMPLATE_ESCAPE -> pieces.add(new TemplatePiece("${", false, 0, 0));
                case RunbookLexer.TEMPLATE_OPEN -> {
                    int depth = 1;
                    int close = i + 1;
                    for (; close < all.size() && depth > 0; close++) {
                        int type = all.get(close).getType();
                        if (type == RunbookLexer.LBRACE) {
                            depth++;
                        } else if (type == RunbookLexer.RBRACE) {
                            depth--;
                        } else if (type == Token.EOF) {
                            return null;
                        }
                    }
                    if (depth > 0) {
                        return null;
                    }
                    Token closing = all.get(close - 1);
                    int from = token.getStopIndex() + 1;
                    pieces.add(new TemplatePiece(text.substring(from, closing.getStartIndex()), true, token.getLine(),
                            token.getCharPositionInLine() + 3));
                    i = close - 1;
                }
                case Token.EOF -> {
                }
                default -> {
                    return null;
                }
            }
        }
        return pieces;
    }

    private static boolean nestingWithinBounds(CommonTokenStream tokens, SourceSpan origin, Diagnostics diagnostics) {
        int depth = 0;
        for (Token token : tokens.getTokens()) {
            switch (token.getType()) {
                case RunbookLexer.LPAREN, RunbookLexer.LBRACKET, RunbookLexer.LBRACE, RunbookLexer.TEMPLATE_OPEN -> {
                    depth++;
                    if (depth > MAX_NESTING) {
                        diagnostics.error(spanOf(token, origin), "nested more than " + MAX_NESTING
                                + " levels deep: split the expression or the value into smaller parts");
                        return false;
                    }
                }
                case RunbookLexer.RPAREN, RunbookLexer.RBRACKET, RunbookLexer.RBRACE -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
        }
        return true;
    }

    static SourceSpan spanOf(Token token, SourceSpan origin) {
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 1;
        int endLine = line;
        int endColumn = column + Math.max(0, token.getStopIndex() - token.getStartIndex());
        int type = token.getType();
        // Only strings and template text can span lines; other tokens need no look at their text (hot path).
        if (type == RunbookLexer.STRING || type == RunbookLexer.BYTES || type == RunbookLexer.TEMPLATE_TEXT) {
            String text = token.getText();
            int lastBreak = text.lastIndexOf('\n');
            if (lastBreak >= 0) {
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        endLine++;
                    }
                }
                endColumn = text.length() - lastBreak - 1;
            }
        } else if (type == Token.EOF) {
            endColumn = column;
        }
        return new SourceSpan(origin.file(), line, column, endLine, endColumn).within(origin);
    }

    private static final int MAX_SYNTAX_ERRORS = 20;

    /** Stops the LL parse of garbage: past a few errors, recovery only produces noise (and takes time). */
    private static final class TooManyErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyErrors() {
            super(null, null, false, false);
        }
    }

    private static final class CollectingListener extends BaseErrorListener {
        private final SourceSpan origin;
        private final Diagnostics diagnostics;
        int errors;

        CollectingListener(SourceSpan origin, Diagnostics diagnostics) {
            this.origin = origin;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String antlrMessage, RecognitionException e) {
            errors++;
            if (errors > MAX_SYNTAX_ERRORS) {
                throw new TooManyErrors();
            }
            Token token = offendingSymbol instanceof Token t ? t : null;
            if (token == null) {
                diagnostics.error(SourceSpan.at(origin.file(), line, column + 1).within(origin), antlrMessage);
                return;
            }
            IntervalSet expected = null;
            if (recognizer instanceof Parser parser) {
                if (e instanceof NoViableAltException || e instanceof InputMismatchException || e == null) {
                    expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
                }
            }
            String message;
            if (antlrMessage.startsWith("missing ")) {
                message = "missing " + SyntaxErrorMessages.expectedWords(expected) + " before "
                        + SyntaxErrorMessages.describe(token);
            } else {
                message = SyntaxErrorMessages.unexpected(token, expected);
            }
            diagnostics.error(spanOf(token, origin), message);
        }
    }
}
