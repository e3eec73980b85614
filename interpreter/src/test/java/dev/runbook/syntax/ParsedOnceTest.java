package dev.runbook.syntax;

import dev.runbook.ast.Expr;
import dev.runbook.ast.SourceSpan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An expression or template met again comes from the parse cache with its spans moved to where it stands, and a
 * template is cut by the lexer before its interpolations are parsed one by one. Both must give exactly what the
 * grammar's whole parse gives at that place: the same tree, every span at the same file, line and column (spans
 * compare equal whatever they hold, so this compares their fields), and the same errors.
 */
class ParsedOnceTest {
    private static final List<SourceSpan> ORIGINS = List.of(
            SourceSpan.NONE,
            SourceSpan.at("a.rb.yaml", 7, 14),
            SourceSpan.at("b.runbook", 1, 1),
            // a YAML block scalar: text line 1 is file line 12 at column 7, text line 2 file line 13 at column 7
            SourceSpan.at("c.rb.yaml", 12, 7).laidOut(List.of(new SourceSpan.Piece(1, 1, 12, 7),
                    new SourceSpan.Piece(2, 1, 13, 7))));

    private static final List<String> EXPRESSIONS = List.of(
            "status == 200",
            "  status == 200 && body.items.size() > 0  ",
            "rows.all(r, r.n > 1) ? 'all' : \"not \\\" all\"",
            "{'a': [1, 2u, 3.5], 'b': b'xyz'}['a'][0] + -x",
            "has(body.user) || !(size(params.name) in [1, 2])",
            "duration('1m') > duration('30s')\n  && text.matches('^w')",
            "items.map(i, i > 1, i * 2).filter(j, j % 2 == 0).exists_one(k, k == 4)",
            "a.b.c(d, e.f(g))[h].i");

    private static final List<String> TEMPLATES = List.of(
            "GET ${params.base_url}/item/1",
            "${ params.base_url }",
            "a $${literal} b ${x + 1} c ${ {'k': {'n': 1}}['k'].n } d",
            "line one ${first}\nline two ${ second.call(\n  'x') } end",
            "price: $5 and ${'}' + \"}\"} and $",
            "${a}${b}${c}");

    @Test
    void anExpressionParsedAgainStandsWhereTheGrammarPutsIt() {
        for (String text : EXPRESSIONS) {
            for (SourceSpan origin : ORIGINS) {
                Expression whole = Expressions.parseAt(text, origin, new Diagnostics());
                Expression first = Expressions.parse(text, origin, new Diagnostics());
                Expression again = Expressions.parse(text, origin, new Diagnostics());
                assertNotNull(whole, text);
                assertEquals(whole.source(), first.source());
                assertEquals(whole.source(), again.source());
                assertEquals(spans(whole.ast()), spans(first.ast()), text + " at " + origin);
                assertEquals(spans(whole.ast()), spans(again.ast()), text + " again at " + origin);
                assertEquals(whole, first);
            }
        }
    }

    @Test
    void aTemplateCutByTheLexerStandsWhereTheGrammarPutsIt() {
        for (String text : TEMPLATES) {
            for (SourceSpan origin : ORIGINS) {
                Template whole = Expressions.parseTemplateAt(text, origin, new Diagnostics());
                Template quick = Expressions.parseTemplate(text, origin, new Diagnostics());
                assertNotNull(whole, text);
                assertEquals(whole, quick, text);
                assertEquals(whole.source(), quick.source());
                assertEquals(whole.parts().size(), quick.parts().size());
                for (int i = 0; i < whole.parts().size(); i++) {
                    if (whole.parts().get(i) instanceof Template.Interpolation w) {
                        Template.Interpolation q = (Template.Interpolation) quick.parts().get(i);
                        assertEquals(w.expression().source(), q.expression().source());
                        assertEquals(spans(w.expression().ast()), spans(q.expression().ast()), text + " at " + origin);
                    } else {
                        assertEquals(whole.parts().get(i), quick.parts().get(i));
                    }
                }
            }
        }
    }

    @Test
    void aTextWithErrorsIsReportedWhereItStandsEveryTime() {
        SourceSpan origin = SourceSpan.at("d.rb.yaml", 3, 10);
        for (String text : List.of("status == ", "a + + b)", "x ${", "${ a + }", "ok ${}", "${ '\\q' }")) {
            boolean template = text.contains("${");
            for (int time = 0; time < 2; time++) {
                Diagnostics expected = new Diagnostics();
                Diagnostics actual = new Diagnostics();
                Object whole = template ? Expressions.parseTemplateAt(text, origin, expected)
                        : Expressions.parseAt(text, origin, expected);
                Object quick = template ? Expressions.parseTemplate(text, origin, actual)
                        : Expressions.parse(text, origin, actual);
                assertNull(whole, text);
                assertNull(quick, text);
                assertFalse(rendered(expected).isEmpty(), text);
                assertEquals(rendered(expected), rendered(actual), text);
            }
        }
    }

    @Test
    void nestingPastTheBoundInATemplateIsStillRefused() {
        String deep = "${" + "(".repeat(Parsing.MAX_NESTING) + "1" + ")".repeat(Parsing.MAX_NESTING) + "}";
        Diagnostics diagnostics = new Diagnostics();
        assertNull(Expressions.parseTemplate(deep, SourceSpan.at("e.rb.yaml", 1, 1), diagnostics));
        assertTrue(rendered(diagnostics).stream().anyMatch(d -> d.contains("nested more than")), rendered(diagnostics)::toString);
    }

    private static List<String> rendered(Diagnostics diagnostics) {
        List<String> out = new ArrayList<>();
        diagnostics.all().forEach(d -> out.add(d.span().file() + ":" + d.span().line() + ":" + d.span().column() + "-"
                + d.span().endLine() + ":" + d.span().endColumn() + " " + d.message()));
        return out;
    }

    /** Every node's kind and span, fields spelt out, in tree order. */
    private static List<String> spans(Expr root) {
        List<String> out = new ArrayList<>();
        root.withSpans(span -> {
            out.add(span.file() + ":" + span.line() + ":" + span.column() + "-" + span.endLine() + ":" + span.endColumn());
            return span;
        });
        return out;
    }
}
