package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import dev.runbook.grammar.RunbookParser;
import dev.runbook.grammar.RunbookParser.TemplateInterpolationContext;
import dev.runbook.grammar.RunbookParser.TemplatePartContext;

import java.util.ArrayList;
import java.util.List;

/** Parses expressions and templates with the one grammar, for both forms and the eval command. */
public final class Expressions {
    private Expressions() {
    }

    /** The expression, or null when it has errors (reported to diagnostics at positions inside origin). */
    public static Expression parse(String text, SourceSpan origin, Diagnostics diagnostics) {
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

    /** The template, or null when one of its interpolations has errors. */
    public static Template parseTemplate(String text, SourceSpan origin, Diagnostics diagnostics) {
        if (!text.contains("$")) {
            return Template.literal(text, origin);
        }
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
