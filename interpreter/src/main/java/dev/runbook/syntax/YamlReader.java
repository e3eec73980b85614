package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML form into {@link RawNode}s with SnakeYAML's node graph, keeping every node's line and column.
 * Loading is safe: no types are constructed (only the node graph is composed), aliases, nesting and size are
 * bounded, and an alias-expanded document may not grow past {@link #MAX_NODES}.
 */
public final class YamlReader {
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 50;
    static final int MAX_NODES = 100_000;

    private final SourceFile source;
    private final Diagnostics diagnostics;
    /** Nodes converted a second time or more: what aliases add to the document (a file's own nodes are bounded by its size). */
    private int expanded;
    private final java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private YamlReader(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** The document's root, or null when it cannot be read (the reason is in diagnostics). */
    public static RawNode read(SourceFile source, Diagnostics diagnostics) {
        return new YamlReader(source, diagnostics).read();
    }

    private RawNode read() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by the model builder, with both positions
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(RunbookFiles.MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            // Only the node graph is composed: no constructor runs, so no type of any kind is instantiated.
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(source.text())), options),
                    new Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            diagnostics.error(spanOf(mark), yamlMessage(e));
            return null;
        } catch (YAMLException e) {
            diagnostics.error(SourceSpan.at(source.path(), 1, 1), yamlMessage(e.getMessage(), null));
            return null;
        } catch (StackOverflowError e) {
            diagnostics.error(SourceSpan.at(source.path(), 1, 1), "the YAML is nested too deeply");
            return null;
        }
        if (root == null) {
            diagnostics.error(SourceSpan.at(source.path(), 1, 1), "the file is empty: a runbook needs at least "
                    + "runbook:, title: and steps:");
            return null;
        }
        try {
            return convert(root, 0, false);
        } catch (TooLarge e) {
            diagnostics.error(spanOf(root.getStartMark()), "the YAML expands to more than " + MAX_NODES
                    + " nodes through its aliases (an alias bomb?); write the values out or use fewer aliases");
            return null;
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private RawNode convert(Node node, int depth, boolean viaAlias) {
        // An alias is the same node met again: everything below it counts toward the expansion budget.
        boolean alias = viaAlias || !seen.add(node);
        if (alias && ++expanded > MAX_NODES || depth > MAX_DEPTH) {
            throw new TooLarge();
        }
        SourceSpan span = spanOf(node.getStartMark(), node.getEndMark());
        if (node instanceof MappingNode mapping) {
            List<RawNode.Entry> entries = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                String key = keyNode instanceof ScalarNode s ? s.getValue() : "?";
                if (!(keyNode instanceof ScalarNode)) {
                    diagnostics.error(spanOf(keyNode.getStartMark()), "a key must be a plain name, not a "
                            + (keyNode instanceof MappingNode ? "map" : "list"));
                }
                entries.add(new RawNode.Entry(key, spanOf(keyNode.getStartMark()), convert(tuple.getValueNode(), depth + 1, alias)));
            }
            return new RawNode.MapNode(entries, span);
        }
        if (node instanceof SequenceNode sequence) {
            List<RawNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1, alias));
            }
            return new RawNode.ListNode(items, span);
        }
        ScalarNode scalar = (ScalarNode) node;
        return new RawNode.Scalar(scalar.getValue(), resolve(scalar), span, contentStart(scalar, span));
    }

    private static Object resolve(ScalarNode scalar) {
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return scalar.getValue();
        }
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        try {
            if (Tag.INT.equals(tag)) {
                return Long.parseLong(text.replace("_", "").replace("+", ""));
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (Tag.BOOL.equals(tag)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            return lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y");
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return text;
    }

    /** Where the scalar's content begins: after the quote, or on the line after a block indicator. */
    private SourceSpan contentStart(ScalarNode scalar, SourceSpan span) {
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
            return SourceSpan.at(span.file(), span.line(), span.column() + 1);
        }
        if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
            int indent = indentation(span.line() + 1, span.endLine());
            return SourceSpan.at(span.file(), span.line() + 1, indent + 1)
                    .laidOut(blockLayout(scalar.getValue(), span.line() + 1, span.endLine()));
        }
        return SourceSpan.at(span.file(), span.line(), span.column());
    }

    /**
     * Where each piece of a block scalar's value stands in the file. The value is the block's lines without their
     * indentation, and a folded block joins lines with a space; so the value and the lines are walked together,
     * a character of the value matching the next character of a line, and a line break or space that no line
     * holds being the break between two lines. A new piece starts at every line of the file and of the value.
     */
    private List<SourceSpan.Piece> blockLayout(String value, int firstLine, int lastLine) {
        List<SourceSpan.Piece> pieces = new ArrayList<>();
        int line = firstLine;
        String text = source.line(line);
        int indent = indentation(line, lastLine);
        int at = Math.min(indent, text.length());
        int textLine = 1;
        int textColumn = 1;
        boolean newPiece = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (at < text.length() && text.charAt(at) == c) {
                if (newPiece) {
                    pieces.add(new SourceSpan.Piece(textLine, textColumn, line, at + 1));
                    newPiece = false;
                }
                at++;
            } else if (at >= text.length() && line < lastLine) {
                line++;
                text = source.line(line);
                at = Math.min(indent, text.length());
                newPiece = true;
                if (c != '\n' && c != ' ') {
                    i--; // the line ended without a break of its own in the value: match c on the next line
                    continue;
                }
            } else {
                break; // the value says something the lines do not: what is laid out so far stands
            }
            if (c == '\n') {
                textLine++;
                textColumn = 1;
                newPiece = true;
            } else {
                textColumn++;
            }
        }
        return pieces;
    }

    /** The block's indentation: that of its first line with text. */
    private int indentation(int firstLine, int lastLine) {
        for (int line = firstLine; line <= lastLine; line++) {
            String text = source.line(line);
            if (!text.isBlank()) {
                int indent = 0;
                while (indent < text.length() && text.charAt(indent) == ' ') {
                    indent++;
                }
                return indent;
            }
        }
        return 0;
    }

    private SourceSpan spanOf(Mark mark) {
        return mark == null ? SourceSpan.at(source.path(), 1, 1)
                : SourceSpan.at(source.path(), mark.getLine() + 1, mark.getColumn() + 1);
    }

    private SourceSpan spanOf(Mark start, Mark end) {
        return new SourceSpan(source.path(), start.getLine() + 1, start.getColumn() + 1,
                end.getLine() + 1, Math.max(1, end.getColumn()));
    }

    private static String yamlMessage(MarkedYAMLException e) {
        return yamlMessage(e.getProblem() == null ? "" : e.getProblem(), e.getContext());
    }

    private static String yamlMessage(String problem, String contextText) {
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            return "a tab character cannot indent YAML: indent with spaces";
        }
        if (problem == null) {
            problem = "";
        }
        if (problem.contains("Number of aliases")) {
            return "too many aliases (more than " + MAX_ALIASES + "): an alias bomb is refused";
        }
        if (problem.contains("Nesting Depth") || problem.contains("nesting depth")) {
            return "the YAML is nested more than " + MAX_DEPTH + " levels deep";
        }
        if (problem.contains("special characters are not allowed") || problem.contains("unacceptable code point")) {
            return "this is not text: the file holds control or binary characters";
        }
        String context = contextText == null ? "" : contextText + ": ";
        String hint = "";
        if (context.contains("flow sequence") || context.contains("flow mapping")) {
            // The commonest slip: an expression with [ ] or { } inside a YAML [...] or {...}.
            hint = " (inside [ ] or { } YAML reads [ ] { } and , as its own: put the expression in quotes,"
                    + " or write the list as lines starting with '- ' and the map as lines of 'key: value')";
        }
        return "YAML syntax: " + context + firstLine(problem) + hint;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
