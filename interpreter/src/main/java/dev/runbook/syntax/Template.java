package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import java.util.List;

/** A string with ${...} interpolations: literal text and expressions, in order. */
public record Template(List<Part> parts, SourceSpan span) {
    public Template {
        parts = List.copyOf(parts);
    }

    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    public record Interpolation(Expression expression) implements Part {
    }

    public static Template literal(String text, SourceSpan span) {
        return new Template(text.isEmpty() ? List.of() : List.of(new Text(text)), span);
    }

    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** The text when there is no interpolation, else null. */
    public String literalText() {
        if (!isLiteral()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(((Text) p).text()));
        return out.toString();
    }

    /** The single interpolation when the template is exactly "${expr}", else null. */
    public Expression soleExpression() {
        return parts.size() == 1 && parts.get(0) instanceof Interpolation i ? i.expression() : null;
    }

    /** The template as written in a string: text with "${" escaped as "$${", interpolations as ${source}. */
    public String source() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text().replace("${", "$${"));
            } else {
                out.append("${").append(((Interpolation) part).expression().source()).append('}');
            }
        }
        return out.toString();
    }
}
