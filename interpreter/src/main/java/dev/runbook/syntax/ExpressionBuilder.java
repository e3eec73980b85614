package dev.runbook.syntax;

import dev.runbook.ast.CelStrings;
import dev.runbook.ast.SourceSpan;
import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Durations;
import dev.runbook.ast.Expr;
import dev.runbook.ast.Expr.Operator;
import dev.runbook.grammar.RunbookParser;
import dev.runbook.grammar.RunbookParser.*;
import dev.runbook.grammar.RunbookParserBaseVisitor;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link Expr} trees from the grammar's expression rules, expanding CEL's macros (has, all, exists,
 * exists_one, map, filter) and decoding literals. Problems become diagnostics; the node is then a null literal
 * so that building can go on and report more.
 */
public final class ExpressionBuilder extends RunbookParserBaseVisitor<Expr> {
    /** CEL's reserved words: not usable as plain identifiers (they may still be field or function names). */
    private static final Set<String> RESERVED = Set.of("as", "break", "const", "continue", "else", "for",
            "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");
    private static final Set<String> MACROS = Set.of("all", "exists", "exists_one", "map", "filter");
    /** The macros an expression may use beside the functions: has() and the comprehensions. */
    public static final java.util.List<String> MACRO_NAMES = java.util.List.of("has", "all", "exists", "exists_one", "map", "filter");

    private final SourceSpan origin;
    private final Diagnostics diagnostics;

    public ExpressionBuilder(SourceSpan origin, Diagnostics diagnostics) {
        this.origin = origin;
        this.diagnostics = diagnostics;
    }

    /** The expression's text exactly as written. */
    public static String sourceOf(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getStopIndex() < start.getStartIndex()) {
            return "";
        }
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    }

    public Expression expression(ExprContext ctx) {
        return new Expression(sourceOf(ctx), visit(ctx));
    }

    SourceSpan span(ParserRuleContext ctx) {
        SourceSpan start = Parsing.spanOf(ctx.getStart(), SourceSpan.NONE);
        SourceSpan end = ctx.getStop() == null ? start : Parsing.spanOf(ctx.getStop(), SourceSpan.NONE);
        return new SourceSpan(origin.file(), start.line(), start.column(), end.endLine(), end.endColumn()).within(origin);
    }

    SourceSpan span(Token token) {
        return Parsing.spanOf(token, origin);
    }

    private Expr invalid(SourceSpan span, String message) {
        diagnostics.error(span, message);
        return new Expr.Literal(CelNull.NULL, span);
    }

    @Override
    public Expr visitExpressionInput(ExpressionInputContext ctx) {
        return visit(ctx.expr());
    }

    @Override
    public Expr visitExpr(ExprContext ctx) {
        Expr condition = visit(ctx.e);
        if (ctx.op == null) {
            return condition;
        }
        return new Expr.Conditional(condition, visit(ctx.e1), visit(ctx.e2), span(ctx));
    }

    @Override
    public Expr visitConditionalOr(ConditionalOrContext ctx) {
        Expr result = visit(ctx.e);
        for (ConditionalAndContext next : ctx.e1) {
            result = new Expr.Binary(Operator.OR, result, visit(next), span(ctx));
        }
        return result;
    }

    @Override
    public Expr visitConditionalAnd(ConditionalAndContext ctx) {
        Expr result = visit(ctx.e);
        for (RelationContext next : ctx.e1) {
            result = new Expr.Binary(Operator.AND, result, visit(next), span(ctx));
        }
        return result;
    }

    @Override
    public Expr visitRelation(RelationContext ctx) {
        if (ctx.calc() != null) {
            return visit(ctx.calc());
        }
        Operator operator = switch (ctx.op.getType()) {
            case RunbookParser.LESS -> Operator.LT;
            case RunbookParser.LESS_EQUALS -> Operator.LE;
            case RunbookParser.GREATER -> Operator.GT;
            case RunbookParser.GREATER_EQUALS -> Operator.GE;
            case RunbookParser.EQUALS -> Operator.EQ;
            case RunbookParser.NOT_EQUALS -> Operator.NE;
            default -> Operator.IN;
        };
        return new Expr.Binary(operator, visit(ctx.relation(0)), visit(ctx.relation(1)), span(ctx));
    }

    @Override
    public Expr visitCalc(CalcContext ctx) {
        if (ctx.unary() != null) {
            return visit(ctx.unary());
        }
        Operator operator = switch (ctx.op.getType()) {
            case RunbookParser.STAR -> Operator.MUL;
            case RunbookParser.SLASH -> Operator.DIV;
            case RunbookParser.PERCENT -> Operator.MOD;
            case RunbookParser.PLUS -> Operator.ADD;
            default -> Operator.SUB;
        };
        return new Expr.Binary(operator, visit(ctx.calc(0)), visit(ctx.calc(1)), span(ctx));
    }

    @Override
    public Expr visitMemberExpr(MemberExprContext ctx) {
        return visit(ctx.member());
    }

    @Override
    public Expr visitLogicalNot(LogicalNotContext ctx) {
        Expr result = visit(ctx.member());
        for (int i = 0; i < ctx.ops.size(); i++) {
            result = new Expr.Unary(Operator.NOT, result, span(ctx));
        }
        return result;
    }

    @Override
    public Expr visitNegate(NegateContext ctx) {
        Expr result = visit(ctx.member());
        for (int i = 0; i < ctx.ops.size(); i++) {
            result = new Expr.Unary(Operator.NEG, result, span(ctx));
        }
        return result;
    }

    @Override
    public Expr visitPrimaryExpr(PrimaryExprContext ctx) {
        return visit(ctx.primary());
    }

    @Override
    public Expr visitSelect(SelectContext ctx) {
        if (ctx.opt != null) {
            return invalid(span(ctx.opt), "optional field selection (.?) is not supported");
        }
        return new Expr.Select(visit(ctx.member()), identText(ctx.escapeIdent()), false, span(ctx));
    }

    private static String identText(EscapeIdentContext ctx) {
        String text = ctx.getText();
        return text.startsWith("`") ? text.substring(1, text.length() - 1) : text;
    }

    @Override
    public Expr visitMemberCall(MemberCallContext ctx) {
        String function = ctx.id.getText();
        Expr target = visit(ctx.member());
        List<ExprContext> args = ctx.args == null ? List.of() : ctx.args.e;
        SourceSpan span = span(ctx);
        if (MACROS.contains(function)) {
            int arity = args.size();
            boolean valid = function.equals("map") ? arity == 2 || arity == 3 : arity == 2;
            if (!valid) {
                return invalid(span, function + "() takes " + (function.equals("map") ? "2 or 3" : "2")
                        + " arguments: a variable name and an expression");
            }
            String variable = args.get(0).getText();
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return invalid(span(args.get(0)), "the first argument of " + function + "() must be a simple name");
            }
            Expr body = visit(args.get(arity - 1));
            Expr filter = arity == 3 ? visit(args.get(1)) : null;
            return new Expr.Comprehension(function, target, variable, filter, body, span);
        }
        return new Expr.Call(target, function, visitAll(args), span);
    }

    @Override
    public Expr visitIndex(IndexContext ctx) {
        if (ctx.opt != null) {
            return invalid(span(ctx.opt), "optional index ([?) is not supported");
        }
        return new Expr.Index(visit(ctx.member()), visit(ctx.index), span(ctx));
    }

    @Override
    public Expr visitIdentOrGlobalCall(IdentOrGlobalCallContext ctx) {
        String name = ctx.id.getText();
        SourceSpan span = span(ctx);
        if (ctx.op == null) {
            if (RESERVED.contains(name)) {
                return invalid(span, "'" + name + "' is a reserved word and cannot name a value");
            }
            return new Expr.Ident(name, span);
        }
        List<ExprContext> args = ctx.args == null ? List.of() : ctx.args.e;
        if (name.equals("has")) {
            if (args.size() != 1) {
                return invalid(span, "has() takes one argument, a field selection such as has(body.status)");
            }
            Expr argument = visit(args.get(0));
            if (!(argument instanceof Expr.Select select)) {
                return invalid(span(args.get(0)), "has() needs a field selection such as has(body.status)");
            }
            return new Expr.Select(select.operand(), select.field(), true, span);
        }
        return new Expr.Call(null, name, visitAll(args), span);
    }

    @Override
    public Expr visitNested(NestedContext ctx) {
        return visit(ctx.e);
    }

    @Override
    public Expr visitCreateList(CreateListContext ctx) {
        List<Expr> elements = new ArrayList<>();
        if (ctx.elems != null) {
            for (OptExprContext element : ctx.elems.elems) {
                if (element.opt != null) {
                    return invalid(span(element.opt), "optional list elements (?x) are not supported");
                }
                elements.add(visit(element.e));
            }
        }
        return new Expr.CreateList(elements, span(ctx));
    }

    @Override
    public Expr visitCreateMap(CreateMapContext ctx) {
        List<Expr.Entry> entries = new ArrayList<>();
        if (ctx.entries != null) {
            for (int i = 0; i < ctx.entries.keys.size(); i++) {
                OptExprContext key = ctx.entries.keys.get(i);
                if (key.opt != null) {
                    return invalid(span(key.opt), "optional map entries (?k: v) are not supported");
                }
                entries.add(new Expr.Entry(visit(key.e), visit(ctx.entries.values.get(i))));
            }
        }
        return new Expr.CreateMap(entries, span(ctx));
    }

    @Override
    public Expr visitConstantLiteral(ConstantLiteralContext ctx) {
        return visit(ctx.literal());
    }

    @Override
    public Expr visitIntLiteral(IntLiteralContext ctx) {
        String text = ctx.tok.getText();
        boolean negative = ctx.sign != null;
        BigInteger value = text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() > 63) {
            return invalid(span(ctx), "integer literal " + (negative ? "-" : "") + text + " is out of the int64 range");
        }
        return new Expr.Literal(value.longValue(), span(ctx));
    }

    @Override
    public Expr visitUintLiteral(UintLiteralContext ctx) {
        String text = ctx.tok.getText();
        String digits = text.substring(0, text.length() - 1);
        BigInteger value = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        if (value.bitLength() > 64) {
            return invalid(span(ctx), "unsigned literal " + text + " is out of the uint64 range");
        }
        return new Expr.Literal(new CelUInt(value.longValue()), span(ctx));
    }

    @Override
    public Expr visitDoubleLiteral(DoubleLiteralContext ctx) {
        double value = Double.parseDouble(ctx.tok.getText());
        return new Expr.Literal(ctx.sign != null ? -value : value, span(ctx));
    }

    @Override
    public Expr visitDurationLiteral(DurationLiteralContext ctx) {
        try {
            java.time.Duration value = Durations.parse(ctx.tok.getText());
            return new Expr.Literal(ctx.sign != null ? value.negated() : value, span(ctx));
        } catch (dev.runbook.ast.LiteralException e) {
            return invalid(span(ctx), e.getMessage());
        }
    }

    @Override
    public Expr visitStringLiteral(StringLiteralContext ctx) {
        try {
            return new Expr.Literal(CelStrings.string(ctx.tok.getText()), span(ctx));
        } catch (CelStrings.BadLiteral e) {
            return invalid(span(ctx), e.getMessage());
        }
    }

    @Override
    public Expr visitBytesLiteral(BytesLiteralContext ctx) {
        try {
            return new Expr.Literal(CelBytes.of(CelStrings.bytes(ctx.tok.getText())), span(ctx));
        } catch (CelStrings.BadLiteral e) {
            return invalid(span(ctx), e.getMessage());
        }
    }

    @Override
    public Expr visitBoolTrue(BoolTrueContext ctx) {
        return new Expr.Literal(Boolean.TRUE, span(ctx));
    }

    @Override
    public Expr visitBoolFalse(BoolFalseContext ctx) {
        return new Expr.Literal(Boolean.FALSE, span(ctx));
    }

    @Override
    public Expr visitNullLiteral(NullLiteralContext ctx) {
        return new Expr.Literal(CelNull.NULL, span(ctx));
    }

    private List<Expr> visitAll(List<ExprContext> contexts) {
        List<Expr> out = new ArrayList<>(contexts.size());
        for (ExprContext ctx : contexts) {
            out.add(visit(ctx));
        }
        return out;
    }
}
