package dev.runbook.ast;


import java.util.List;

/**
 * A parsed CEL expression. Built from the ANTLR tree by the syntax package's ExpressionBuilder; evaluated by
 * {@link Evaluator}. Records compare by content (spans always compare equal).
 */
public sealed interface Expr {
    SourceSpan span();

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
