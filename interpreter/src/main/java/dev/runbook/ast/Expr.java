package dev.runbook.ast;


import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A parsed CEL expression. Built from the ANTLR tree by the syntax package's ExpressionBuilder; evaluated by
 * {@link Evaluator}. Records compare by content (spans always compare equal).
 */
public sealed interface Expr {
    SourceSpan span();

    /**
     * This tree with every span moved by {@code move}: a tree parsed once, with spans relative to its text, placed
     * where another occurrence of the same text stands.
     */
    default Expr withSpans(UnaryOperator<SourceSpan> move) {
        SourceSpan span = move.apply(span());
        if (this instanceof Literal l) {
            return new Literal(l.value(), span);
        } else if (this instanceof Ident i) {
            return new Ident(i.name(), span);
        } else if (this instanceof Select s) {
            return new Select(s.operand().withSpans(move), s.field(), s.presenceTest(), span);
        } else if (this instanceof Call c) {
            return new Call(c.target() == null ? null : c.target().withSpans(move), c.function(), moved(c.args(), move),
                    span);
        } else if (this instanceof Index x) {
            return new Index(x.operand().withSpans(move), x.index().withSpans(move), span);
        } else if (this instanceof CreateList l) {
            return new CreateList(moved(l.elements(), move), span);
        } else if (this instanceof CreateMap m) {
            List<Entry> entries = new java.util.ArrayList<>(m.entries().size());
            for (Entry e : m.entries()) {
                entries.add(new Entry(e.key().withSpans(move), e.value().withSpans(move)));
            }
            return new CreateMap(entries, span);
        } else if (this instanceof Conditional c) {
            return new Conditional(c.condition().withSpans(move), c.ifTrue().withSpans(move),
                    c.ifFalse().withSpans(move), span);
        } else if (this instanceof Binary b) {
            return new Binary(b.operator(), b.left().withSpans(move), b.right().withSpans(move), span);
        } else if (this instanceof Unary u) {
            return new Unary(u.operator(), u.operand().withSpans(move), span);
        }
        Comprehension c = (Comprehension) this;
        return new Comprehension(c.macro(), c.range().withSpans(move), c.variable(),
                c.filter() == null ? null : c.filter().withSpans(move), c.body().withSpans(move), span);
    }

    private static List<Expr> moved(List<Expr> nodes, UnaryOperator<SourceSpan> move) {
        List<Expr> out = new java.util.ArrayList<>(nodes.size());
        for (Expr node : nodes) {
            out.add(node.withSpans(move));
        }
        return out;
    }

    record Literal(Object value, SourceSpan span) implements Expr {
    }

    /** A name: a variable, a qualified variable (a.b.c resolves longest-first), or a type name. */
    record Ident(String name, SourceSpan span) implements Expr {
    }

    /** operand.field; with {@code presenceTest}, has(operand.field). */
    record Select(Expr operand, String field, boolean presenceTest, SourceSpan span) implements Expr {
    }

    /** A function call, global ({@code target == null}) or receiver-style. */
    record Call(Expr target, String function, List<Expr> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Index(Expr operand, Expr index, SourceSpan span) implements Expr {
    }

    record CreateList(List<Expr> elements, SourceSpan span) implements Expr {
        public CreateList {
            elements = List.copyOf(elements);
        }
    }

    record CreateMap(List<Entry> entries, SourceSpan span) implements Expr {
        public CreateMap {
            entries = List.copyOf(entries);
        }
    }

    record Entry(Expr key, Expr value) {
    }

    record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, SourceSpan span) implements Expr {
    }

    record Binary(Operator operator, Expr left, Expr right, SourceSpan span) implements Expr {
    }

    record Unary(Operator operator, Expr operand, SourceSpan span) implements Expr {
    }

    /**
     * A macro over a list or map: all, exists, exists_one, map, filter. {@code filter} is the optional
     * predicate of the three-argument map; {@code body} the predicate or transform.
     */
    record Comprehension(String macro, Expr range, String variable, Expr filter, Expr body, SourceSpan span)
            implements Expr {
    }

    enum Operator {
        OR("||"), AND("&&"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), NOT("!"), NEG("-");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
