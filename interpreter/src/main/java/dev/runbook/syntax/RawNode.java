package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import java.util.List;

/**
 * The common shape both forms are read into before the model is built: maps, lists, YAML scalars and DSL
 * expressions, each with its position. One builder (the model package's ModelBuilder) then types, validates and
 * assembles them, so the two forms cannot drift apart.
 */
public sealed interface RawNode {
    SourceSpan span();

    /** A map in the order written; duplicate keys are kept so the builder can report them. */
    record MapNode(List<Entry> entries, SourceSpan span) implements RawNode {
        public MapNode {
            entries = List.copyOf(entries);
        }
    }

    record Entry(String key, SourceSpan keySpan, RawNode value) {
    }

    record ListNode(List<RawNode> items, SourceSpan span) implements RawNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A YAML scalar: its text, the value YAML resolves it to (String, Long, Double, Boolean, or null for YAML's
     * null), and where its content starts (after an opening quote).
     */
    record Scalar(String text, Object resolved, SourceSpan span, SourceSpan contentStart) implements RawNode {
    }

    /** A DSL expression, as written; a string literal among them is text for TEXT-typed keys. */
    record ExprNode(Expression expression, SourceSpan span, SourceSpan stringContentStart) implements RawNode {
    }
}
