package dev.runbook.expr;

import dev.runbook.ast.Expr;
import java.util.stream.Collectors;

/** Writes an expression tree back as CEL text, for failure explanations ("body.status = ..."). */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr expr) {
        if (expr instanceof Expr.Literal l) {
            return Values.format(l.value());
        } else if (expr instanceof Expr.Ident i) {
            return i.name();
        } else if (expr instanceof Expr.Select s) {
            String select = operand(s.operand()) + "." + s.field();
            return s.presenceTest() ? "has(" + select + ")" : select;
        } else if (expr instanceof Expr.Call c) {
            String args = c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
            return (c.target() == null ? "" : operand(c.target()) + ".") + c.function() + "(" + args + ")";
        } else if (expr instanceof Expr.Index i) {
            return operand(i.operand()) + "[" + print(i.index()) + "]";
        } else if (expr instanceof Expr.CreateList l) {
            return "[" + l.elements().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + "]";
        } else if (expr instanceof Expr.CreateMap m) {
            return "{" + m.entries().stream().map(e -> print(e.key()) + ": " + print(e.value()))
                    .collect(Collectors.joining(", ")) + "}";
        } else if (expr instanceof Expr.Conditional c) {
            return operand(c.condition()) + " ? " + operand(c.ifTrue()) + " : " + operand(c.ifFalse());
        } else if (expr instanceof Expr.Binary b) {
            return operand(b.left()) + " " + b.operator().symbol() + " " + operand(b.right());
        } else if (expr instanceof Expr.Unary u) {
            return u.operator().symbol() + operand(u.operand());
        } else if (expr instanceof Expr.Comprehension c) {
            String filter = c.filter() == null ? "" : print(c.filter()) + ", ";
            return operand(c.range()) + "." + c.macro() + "(" + c.variable() + ", " + filter + print(c.body()) + ")";
        }
        return expr.toString();
    }

    private static String operand(Expr expr) {
        boolean simple = expr instanceof Expr.Literal || expr instanceof Expr.Ident || expr instanceof Expr.Select
                || expr instanceof Expr.Call || expr instanceof Expr.Index || expr instanceof Expr.CreateList
                || expr instanceof Expr.CreateMap;
        return simple ? print(expr) : "(" + print(expr) + ")";
    }
}
