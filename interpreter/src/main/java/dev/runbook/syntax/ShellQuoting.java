package dev.runbook.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where each {@code ${}} of a shell command stands, as /bin/sh will read the command, so that no value can change
 * the command's shape: a bare one becomes one single-quoted word, one inside double quotes is escaped for double
 * quotes, and one where no escaping is possible (single quotes, backticks, a here-document, a comment, a shell
 * {@code ${...}} or {@code $((...))}, right after a {@code $}) is refused with the fix in the message.
 *
 * <p>The scan follows POSIX sh quoting: backslash, single and double quotes, {@code $(...)} (whose inside is
 * unquoted again, even within double quotes), backticks, parameter and arithmetic expansion, comments and
 * here-documents. The literal text is the author's; only the inserted values are treated as hostile.
 */
public final class ShellQuoting {
    private ShellQuoting() {
    }

    /** How one interpolation is inserted. */
    public enum Context {
        /** Outside any quotes: inserted as one single-quoted word. */
        WORD,
        /** Inside "...": inserted with \, $, ` and " escaped. */
        DOUBLE_QUOTED,
        /** Nowhere a value can be made safe: refused (see {@link Analysis#problems()}). */
        REFUSED
    }

    /**
     * @param contexts one per interpolation, in order
     * @param problems one per refused interpolation, in order: the index and what to write instead
     */
    public record Analysis(List<Context> contexts, List<Problem> problems) {
        public Analysis {
            contexts = List.copyOf(contexts);
            problems = List.copyOf(problems);
        }
    }

    /** A refused interpolation: its index among the template's interpolations and the message. */
    public record Problem(int interpolation, String message) {
    }

    private enum Frame { TOP, COMMAND, DOUBLE, SINGLE, ANSI, BACKTICK, PARAMETER, ARITHMETIC, COMMENT, HEREDOC }

    private static final int MARK = -1;

    /** The context of every interpolation of a shell command template. */
    public static Analysis analyse(Template template) {
        // The command as code points, each interpolation a MARK: the scan sees where values go, never what they are.
        List<Integer> units = new ArrayList<>();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text text) {
                text.text().codePoints().forEach(units::add);
            } else {
                units.add(MARK);
            }
        }
        return new Scanner(units).scan();
    }

    /** The value as one single-quoted shell word. */
    public static String word(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The value escaped for the inside of double quotes: \, $, ` and " lose their meaning, nothing else changes. */
    public static String insideDoubleQuotes(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        value.codePoints().forEach(c -> {
            if (c == '\\' || c == '$' || c == '`' || c == '"') {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** The value as it must be inserted in its context; refused contexts never get here. */
    public static String insert(String value, Context context) {
        return switch (context) {
            case WORD -> word(value);
            case DOUBLE_QUOTED -> insideDoubleQuotes(value);
            case REFUSED -> throw new IllegalArgumentException("a refused interpolation is never inserted");
        };
    }

    private static final class Scanner {
        private final List<Integer> units;
        private final Deque<Frame> frames = new ArrayDeque<>();
        /** Open parentheses inside the innermost $( ... ), so that its own ) is found. */
        private final Deque<Integer> depths = new ArrayDeque<>();
        private final List<Context> contexts = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        /** Here-documents announced on the current line, whose bodies start at the next newline. */
        private final List<String[]> pendingHeredocs = new ArrayList<>();
        private String heredocEnd;
        private boolean heredocStripsTabs;
        private boolean wordStart = true;
        private int i;

        Scanner(List<Integer> units) {
            this.units = units;
            frames.push(Frame.TOP);
        }

        private int at(int index) {
            return index < units.size() ? units.get(index) : Integer.MIN_VALUE;
        }

        Analysis scan() {
            for (i = 0; i < units.size(); i++) {
                int c = units.get(i);
                if (c == MARK) {
                    interpolation();
                    wordStart = false;
                    continue;
                }
                switch (frames.peek()) {
                    case TOP, COMMAND -> unquoted(c);
                    case DOUBLE -> doubleQuoted(c);
                    case SINGLE -> {
                        if (c == '\'') {
                            frames.pop();
                        }
                    }
                    case ANSI -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '\'') {
                            frames.pop();
                        }
                    }
                    case BACKTICK -> {
                        if (c == '\\') {
                            i++;
                        } else if (c == '`') {
                            frames.pop();
                        }
                    }
                    case PARAMETER -> parameter(c);
                    case ARITHMETIC -> {
                        if (c == ')' && at(i + 1) == ')') {
                            i++;
                            frames.pop();
                        }
                    }
                    case COMMENT -> {
                        if (c == '\n') {
                            frames.pop();
                            newline();
                        }
                    }
                    case HEREDOC -> heredocLine();
                }
            }
            return new Analysis(contexts, problems);
        }

        private void interpolation() {
            int index = contexts.size();
            Frame frame = frames.peek();
            String refusal = switch (frame) {
                case TOP, COMMAND, DOUBLE -> precededByDollar()
                        ? "a ${...} right after a $ would be read by the shell as part of an expansion; write $${ for a literal ${, or put a space between them"
                        : null;
                case SINGLE -> "a ${...} inside single quotes cannot be escaped: a quote in the value would end them."
                        + " Write it outside the quotes ('text '${...}' more') or inside double quotes (\"text ${...}\")";
                case ANSI -> "a ${...} inside $'...' cannot be escaped; write it outside the quotes";
                case BACKTICK -> "a ${...} inside backticks cannot be quoted reliably; use $(...) instead of `...`";
                case PARAMETER -> "a ${...} inside a shell ${...} expansion cannot be quoted; pass the value in env: and use $NAME";
                case ARITHMETIC -> "a ${...} inside $((...)) would be evaluated by the shell; pass it in env: and write $((NAME))";
                case COMMENT -> "a ${...} inside a shell comment could end the comment with a newline; remove it from the comment";
                case HEREDOC -> "a ${...} inside a here-document could end it or expand inside it; pass the value in env: and write"
                        + " \"$NAME\" (or printf '%s' ${...} | ...)";
            };
            if (refusal != null) {
                contexts.add(Context.REFUSED);
                problems.add(new Problem(index, refusal));
            } else {
                contexts.add(frame == Frame.DOUBLE ? Context.DOUBLE_QUOTED : Context.WORD);
            }
        }

        /** An unescaped $ just before: the value would become a name, a $'...' or a ${...} of the shell's. */
        private boolean precededByDollar() {
            if (i == 0 || at(i - 1) != '$') {
                return false;
            }
            int backslashes = 0;
            for (int j = i - 2; j >= 0 && at(j) == '\\'; j--) {
                backslashes++;
            }
            return backslashes % 2 == 0;
        }

        private void unquoted(int c) {
            boolean start = wordStart;
            wordStart = false;
            switch (c) {
                case '\\' -> i++;
                case '\'' -> frames.push(Frame.SINGLE);
                case '"' -> frames.push(Frame.DOUBLE);
                case '`' -> frames.push(Frame.BACKTICK);
                case '$' -> dollar();
                case '#' -> {
                    if (start) {
                        frames.push(Frame.COMMENT);
                    }
                }
                case '(' -> {
                    if (frames.peek() == Frame.COMMAND) {
                        depths.push(depths.pop() + 1);
                    }
                    wordStart = true;
                }
                case ')' -> {
                    if (frames.peek() == Frame.COMMAND) {
                        int depth = depths.pop();
                        if (depth == 0) {
                            frames.pop();
                        } else {
                            depths.push(depth - 1);
                        }
                    }
                    wordStart = true;
                }
                case '<' -> {
                    if (at(i + 1) == '<' && at(i + 2) != '<') {
                        heredocOperator();
                    }
                    wordStart = true;
                }
                case '\n' -> newline();
                case ' ', '\t', ';', '&', '|', '>' -> wordStart = true;
                default -> {
                }
            }
        }

        private void doubleQuoted(int c) {
            switch (c) {
                case '\\' -> i++;
                case '"' -> frames.pop();
                case '`' -> frames.push(Frame.BACKTICK);
                case '$' -> dollar();
                default -> {
                }
            }
        }

        private void dollar() {
            int next = at(i + 1);
            if (next == '(' && at(i + 2) == '(') {
                frames.push(Frame.ARITHMETIC);
                i += 2;
            } else if (next == '(') {
                frames.push(Frame.COMMAND);
                depths.push(0);
                wordStart = true;
                i++;
            } else if (next == '{') {
                frames.push(Frame.PARAMETER);
                depths.push(0);
                i++;
            } else if (next == '\'' && frames.peek() != Frame.DOUBLE) {
                frames.push(Frame.ANSI);
                i++;
            }
        }

        private void parameter(int c) {
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depths.push(depths.pop() + 1);
            } else if (c == '}') {
                int depth = depths.pop();
                if (depth == 0) {
                    frames.pop();
                } else {
                    depths.push(depth - 1);
                }
            }
        }

        /** {@code <<WORD} or {@code <<-WORD}: the body starts after the current line. */
        private void heredocOperator() {
            int j = i + 2;
            boolean tabs = false;
            if (at(j) == '-') {
                tabs = true;
                j++;
            }
            while (at(j) == ' ' || at(j) == '\t') {
                j++;
            }
            StringBuilder word = new StringBuilder();
            int quote = 0;
            while (j < units.size()) {
                int c = at(j);
                if (c == MARK) {
                    break;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.appendCodePoint(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    j++;
                    if (j < units.size() && at(j) != MARK) {
                        word.appendCodePoint(at(j));
                    }
                } else if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<'
                        || c == '>' || c == '(' || c == ')') {
                    break;
                } else {
                    word.appendCodePoint(c);
                }
                j++;
            }
            pendingHeredocs.add(new String[] {word.toString(), tabs ? "-" : ""});
            i = j - 1;
        }

        private void newline() {
            wordStart = true;
            if (!pendingHeredocs.isEmpty() && (frames.peek() == Frame.TOP || frames.peek() == Frame.COMMAND)) {
                String[] next = pendingHeredocs.remove(0);
                heredocEnd = next[0];
                heredocStripsTabs = !next[1].isEmpty();
                frames.push(Frame.HEREDOC);
            }
        }

        /** At the start of a here-document line: the whole line is read; the end line closes it. */
        private void heredocLine() {
            int end = i;
            StringBuilder line = new StringBuilder();
            boolean marks = false;
            while (end < units.size() && at(end) != '\n') {
                if (at(end) == MARK) {
                    marks = true;
                    contexts.add(Context.REFUSED);
                    problems.add(new Problem(contexts.size() - 1, "a ${...} inside a here-document could end it or expand"
                            + " inside it; pass the value in env: and write \"$NAME\" (or printf '%s' ${...} | ...)"));
                } else {
                    line.appendCodePoint(at(end));
                }
                end++;
            }
            String text = heredocStripsTabs ? line.toString().replaceFirst("^\t+", "") : line.toString();
            i = end;
            if (!marks && text.equals(heredocEnd)) {
                frames.pop();
                newline();
            }
        }
    }
}
