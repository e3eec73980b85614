package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import dev.runbook.grammar.RunbookParser;
import dev.runbook.grammar.RunbookParser.TemplateInterpolationContext;
import dev.runbook.grammar.RunbookParser.TemplatePartContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Parses expressions and templates with the one grammar, for both forms and the eval command. */
public final class Expressions {
    private Expressions() {
    }

    /*
     * Expressions parsed, by their text, with spans relative to that text. A runbook says the same thing many times
     * (status == 200 on every step, ${params.base_url} in every URL), and ANTLR's parse of each occurrence was most
     * of reading a long file: an occurrence met again is the cached tree with its spans moved to where it stands.
     * Only texts that parse without a diagnostic are kept; bounded in entries and in the length of a text.
     */
    private static final int CACHED_TEXTS = 4096;
    private static final int CACHED_TEXT_LENGTH = 2048;
    private static final Map<String, Expression> PARSED = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Expression> eldest) {
                    return size() > CACHED_TEXTS;
                }
            });

    /** The expression, or null when it has errors (reported to diagnostics at positions inside origin). */
    public static Expression parse(String text, SourceSpan origin, Diagnostics diagnostics) {
        Expression relative = relative(text);
        return relative == null ? parseAt(text, origin, diagnostics)  // the errors, where they stand
                : placed(relative, span -> span, origin);
    }

    /** The text's expression with spans relative to the text, from the cache or parsed; null when it has errors. */
    private static Expression relative(String text) {
        Expression relative = text.length() <= CACHED_TEXT_LENGTH ? PARSED.get(text) : null;
        if (relative == null) {
            Diagnostics none = new Diagnostics();
            relative = parseAt(text, SourceSpan.NONE, none);
            if (relative == null || !none.all().isEmpty()) {
                return null;
            }
            if (text.length() <= CACHED_TEXT_LENGTH) {
                PARSED.put(text, relative);
            }
        }
        return relative;
    }

    /** A text-relative expression placed at origin, after {@code inner} has placed it within an enclosing text. */
    private static Expression placed(Expression relative, UnaryOperator<SourceSpan> inner, SourceSpan origin) {
        return new Expression(relative.source(), relative.ast().withSpans(span -> {
            SourceSpan within = inner.apply(span);
            return new SourceSpan(origin.file(), within.line(), within.column(), within.endLine(), within.endColumn())
                    .within(origin);
        }));
    }

    static Expression parseAt(String text, SourceSpan origin, Diagnostics diagnostics) {
        int before = diagnostics.errorCount();
        try {
            RunbookParser.ExpressionInputContext tree =
                    Parsing.parse(text, false, origin, diagnostics, RunbookParser::expressionInput);
            if (tree == null) {
                return null;
            }
            ExpressionBuilder builder = new ExpressionBuilder(origin, diagnostics);
            Expression expression = builder.expression(tree.expr());
            return diagnostics.errorCount() > before ? null : expression;
        } catch (StackOverflowError tooDeep) {
            diagnostics.error(origin, "expression nested too deeply");
            return null;
        }
    }

    /**
     * The template cut by the lexer and its interpolations parsed through the cache; null when anything is amiss,
     * for the template's own parse to report it exactly as it stands.
     */
    private static Template fromPieces(String text, SourceSpan origin) {
        List<Parsing.TemplatePiece> pieces = Parsing.templatePieces(text);
        if (pieces == null) {
            return null;
        }
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (Parsing.TemplatePiece piece : pieces) {
            if (!piece.expression()) {
                pending.append(piece.text());
                continue;
            }
            Expression relative = relative(piece.text());
            if (relative == null) {
                return null;
            }
            if (pending.length() > 0) {
                parts.add(new Template.Text(pending.toString()));
                pending.setLength(0);
            }
            // Spans relative to the interpolation's source, moved to where it starts in the template, then placed.
            SourceSpan start = SourceSpan.at("", piece.line(), piece.column());
            parts.add(new Template.Interpolation(placed(relative, span -> span.within(start), origin)));
        }
        if (pending.length() > 0) {
            parts.add(new Template.Text(pending.toString()));
        }
        return new Template(parts, origin);
    }

    /** The template, or null when one of its interpolations has errors. */
    public static Template parseTemplate(String text, SourceSpan origin, Diagnostics diagnostics) {
        if (!text.contains("$")) {
            return Template.literal(text, origin);
        }
        Template quick = fromPieces(text, origin);
        return quick != null ? quick : parseTemplateAt(text, origin, diagnostics);
    }

    /** The template parsed whole by the grammar, its errors reported where they stand. */
    static Template parseTemplateAt(String text, SourceSpan origin, Diagnostics diagnostics) {
        int before = diagnostics.errorCount();
        try {
            RunbookParser.TemplateInputContext tree =
                    Parsing.parse(text, true, origin, diagnostics, RunbookParser::templateInput);
            if (tree == null) {
                return null;
            }
            ExpressionBuilder builder = new ExpressionBuilder(origin, diagnostics);
            List<Template.Part> parts = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (TemplatePartContext part : tree.templatePart()) {
                if (part instanceof TemplateInterpolationContext interpolation) {
                    if (pending.length() > 0) {
                        parts.add(new Template.Text(pending.toString()));
                        pending.setLength(0);
                    }
                    parts.add(new Template.Interpolation(builder.expression(interpolation.expr())));
                } else if (part instanceof RunbookParser.TemplateEscapeContext) {
                    pending.append("${");
                } else {
                    pending.append(part.getText());
                }
            }
            if (pending.length() > 0) {
                parts.add(new Template.Text(pending.toString()));
            }
            return diagnostics.errorCount() > before ? null : new Template(parts, origin);
        } catch (StackOverflowError tooDeep) {
            diagnostics.error(origin, "template nested too deeply");
            return null;
        }
    }
}
