package dev.runbook.syntax;

import dev.runbook.grammar.RunbookLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns ANTLR's token sets into words a runbook author knows: "expected '}' or a step". */
final class SyntaxErrorMessages {
    private static final Set<Integer> EXPRESSION_START = Set.of(RunbookLexer.STRING, RunbookLexer.NUM_INT,
            RunbookLexer.NUM_FLOAT, RunbookLexer.NUM_UINT, RunbookLexer.BYTES, RunbookLexer.CST_TRUE,
            RunbookLexer.CST_FALSE, RunbookLexer.NUL, RunbookLexer.LBRACKET, RunbookLexer.LPAREN,
            RunbookLexer.EXCLAM, RunbookLexer.DURATION);
    private static final Set<Integer> RUNBOOK_ITEMS = Set.of(RunbookLexer.TITLE, RunbookLexer.PARAM,
            RunbookLexer.SECRET, RunbookLexer.DATABASE, RunbookLexer.STEP, RunbookLexer.DEFAULTS);
    private static final Set<Integer> STEP_ITEMS = Set.of(RunbookLexer.EXPECT, RunbookLexer.WHEN,
            RunbookLexer.CAPTURE, RunbookLexer.RETRY, RunbookLexer.HTTP_METHOD);

    private SyntaxErrorMessages() {
    }

    static String unexpected(Token token, IntervalSet expected) {
        String what = describe(token);
        String wanted = expected == null ? "" : expectedWords(expected);
        if (token.getType() == RunbookLexer.UNEXPECTED_CHARACTER) {
            String text = token.getText();
            if ((text.equals("\"") || text.equals("'")) && closedOnSameLine(token)) {
                return "this string holds an escape sequence that is not valid (the valid ones: \\n \\t \\r \\\\ "
                        + "\\\" \\' \\xHH \\uHHHH \\UHHHHHHHH \\ooo; or write r\"...\" for a raw string)";
            }
            if (text.equals("\"") || text.equals("'")) {
                return "unterminated string: the " + text + " opened here is never closed on this line"
                        + " (use \"\"\" for text over several lines)";
            }
            if (text.equals("`")) {
                return "unterminated quoted name: the ` opened here is never closed";
            }
        }
        String hint = hint(token, wanted);
        if (wanted.isEmpty()) {
            return "unexpected " + what + hint;
        }
        return "unexpected " + what + "; expected " + wanted + hint;
    }

    /** The slip an author most likely made, where one token says it. */
    private static String hint(Token token, String wanted) {
        String text = token.getText();
        if ("=".equals(text) && wanted.contains("operator")) {
            return " (to compare, write ==)";
        }
        if ("$".equals(text) && token.getInputStream() != null) {
            int next = token.getStopIndex() + 1;
            if (next < token.getInputStream().size()
                    && token.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(next, next)).equals("{")) {
                return " (a ${...} template goes inside a string: \"...${...}...\")";
            }
        }
        return "";
    }

    /** Whether the quote that starts at this token is closed later on its line (so the string is not unterminated). */
    private static boolean closedOnSameLine(Token token) {
        org.antlr.v4.runtime.CharStream input = token.getInputStream();
        if (input == null) {
            return false;
        }
        int end = input.size() - 1;
        int from = token.getStopIndex() + 1;
        if (from > end) {
            return false;
        }
        String rest = input.getText(org.antlr.v4.runtime.misc.Interval.of(from, end));
        int newline = rest.indexOf('\n');
        String line = newline < 0 ? rest : rest.substring(0, newline);
        return line.contains(token.getText());
    }

    static String describe(Token token) {
        int type = token.getType();
        String text = token.getText();
        if (type == Token.EOF) {
            return "end of input";
        }
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return switch (type) {
            case RunbookLexer.STRING -> "string " + text;
            case RunbookLexer.IDENTIFIER -> "name '" + text + "'";
            case RunbookLexer.NUM_INT, RunbookLexer.NUM_FLOAT, RunbookLexer.NUM_UINT -> "number " + text;
            case RunbookLexer.DURATION -> "duration " + text;
            case RunbookLexer.TEMPLATE_TEXT -> "text '" + text + "'";
            case RunbookLexer.UNEXPECTED_CHARACTER -> "character " + printable(text);
            default -> {
                String literal = RunbookLexer.VOCABULARY.getLiteralName(type);
                if (literal != null && Character.isLetter(literal.charAt(1))) {
                    yield "keyword " + literal;
                }
                yield "'" + text + "'";
            }
        };
    }

    private static String printable(String text) {
        int cp = text.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || cp >= 0x80 && cp <= 0x9f || cp == 0xfffd) {
            return String.format("U+%04X (not text: is this a binary file?)", cp);
        }
        return "'" + text + "'";
    }

    static String expectedWords(IntervalSet expected) {
        Set<Integer> types = new LinkedHashSet<>(expected.toList());
        List<String> words = new ArrayList<>();
        boolean expression = types.stream().filter(EXPRESSION_START::contains).count() >= 4;
        if (expression) {
            // Inside an expression every keyword is also a name: say "an expression", not a list of keywords.
            words.add("an expression");
            types.removeAll(EXPRESSION_START);
            types.removeIf(t -> t == RunbookLexer.MINUS || t == RunbookLexer.LBRACE || t == RunbookLexer.DOT
                    || isName(t));
        }
        if (!expression && types.containsAll(RUNBOOK_ITEMS)) {
            words.add("a runbook item (title, owner, param, secret, database, defaults, step, finally)");
            types.removeAll(RUNBOOK_ITEMS);
            types.removeAll(List.of(RunbookLexer.DESCRIPTION, RunbookLexer.OWNER, RunbookLexer.SCHEDULE,
                    RunbookLexer.TAGS, RunbookLexer.ENVIRONMENT, RunbookLexer.FINALLY));
        }
        if (!expression && types.containsAll(STEP_ITEMS)) {
            words.add("a step item (an action such as GET/sql/shell/manual/approve/wait/call/log, "
                    + "or when, expect, capture, timeout, retry, for_each, on_failure, rollback, severity)");
            types.removeAll(STEP_ITEMS);
            types.removeIf(t -> t != RunbookLexer.RBRACE && t != Token.EOF);
        }
        if (types.contains(RunbookLexer.IDENTIFIER) && types.stream().filter(SyntaxErrorMessages::isName).count() > 3) {
            words.add("a name");
            types.removeIf(SyntaxErrorMessages::isName);
        }
        if (types.size() > 8) {
            types.removeIf(t -> t != RunbookLexer.RBRACE && t != RunbookLexer.RPAREN && t != RunbookLexer.RBRACKET
                    && t != RunbookLexer.COLON && t != RunbookLexer.COMMA);
            words.add("an operator");
        }
        for (int type : types) {
            words.add(word(type));
        }
        return join(words);
    }

    private static boolean isName(int type) {
        return type == RunbookLexer.IDENTIFIER || type >= RunbookLexer.RUNBOOK && type <= RunbookLexer.HTTP_METHOD;
    }

    private static String word(int type) {
        return switch (type) {
            case Token.EOF -> "end of input";
            case RunbookLexer.STRING -> "a string";
            case RunbookLexer.IDENTIFIER -> "a name";
            case RunbookLexer.NUM_INT -> "a number";
            case RunbookLexer.DURATION -> "a duration";
            case RunbookLexer.HTTP_METHOD -> "an HTTP method";
            case RunbookLexer.TEMPLATE_TEXT -> "text";
            default -> {
                String literal = RunbookLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : RunbookLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    private static String join(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
