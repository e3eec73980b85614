package dev.runbook.expr;

import dev.runbook.engine.ExpressionSession;

import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expressions;
import dev.runbook.ast.SourceSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook extensions of language.md §2 and the CEL semantics runbooks lean on most. */
class ExtensionsAndSemanticsTest {
    private static Object eval(String text, Map<String, Object> vars) {
        Diagnostics diagnostics = new Diagnostics();
        var expression = Expressions.parse(text, SourceSpan.at("t", 1, 1), diagnostics);
        if (expression == null) {
            throw new AssertionError(diagnostics.all().toString());
        }
        return Evaluator.standard().evaluate(expression.ast(), Activation.of(vars));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiterString = "=>", textBlock = """
            250ms == duration('0.25s') => true
            1m30s == duration('90s') => true
            2h > 119m => true
            -2s < 0s => true
            string(1m30s) => "90s"
            'Hello'.lower() + 'x'.upper() => "helloX"
            '  pad '.trim() => "pad"
            'a,b,c'.split(',') => ["a", "b", "c"]
            ['a', 'b'].join('-') => "a-b"
            'a-b-c'.replace('-', '+') => "a+b+c"
            min([3, 1, 2]) => 1
            max([1.5, 0.5]) => 1.5
            sum([1, 2, 3]) => 6
            sum([1s, 2s]) == 3s => true
            json('{"a": [1, 2.5, "x", true, null]}') => {"a": [1, 2.5, "x", true, null]}
            json('{"n": 2.0}').n => 2
            now() > timestamp('2020-01-01T00:00:00Z') => true
            false && (1 / 0 == 1) => false
            (1 / 0 == 1) || true => true
            [1, 0].exists(x, 10 / x == 10) => true
            """)
    void extensionsAndAbsorption(String expression, String expected) {
        assertEquals(expected, Values.format(eval(expression, Map.of())));
    }

    @Test
    void overflowDivisionByZeroMissingKeysAndWrongTypesAreErrorsNeverValues() {
        assertThrows(EvalException.class, () -> eval("9223372036854775807 + 1", Map.of()));
        assertThrows(EvalException.class, () -> eval("1 / 0", Map.of()));
        assertThrows(EvalException.class, () -> eval("body.missing", Map.of("body", Map.of("status", "ok"))));
        assertThrows(EvalException.class, () -> eval("1 + 1.0", Map.of()));
        assertThrows(EvalException.class, () -> eval("size(5)", Map.of()));
        assertThrows(EvalException.class, () -> eval("min([])", Map.of()));
    }

    @Test
    void envIsAMapNotAFunction() {
        EvalException e = assertThrows(EvalException.class, () -> eval("env('HOME')", Map.of()));
        assertTrue(e.getMessage().contains("unbound function"), e.getMessage());
        assertEquals("/root", eval("env.HOME", Map.of("env", Map.of("HOME", "/root"))));
    }

    @Test
    void templateValuesAreInsertedAsTextOrCelLiterals() {
        assertEquals("abc", Values.toText("abc"));
        assertEquals("[1, \"x\"]", Values.toText(java.util.List.of(1L, "x")));
        assertEquals("duration(\"1.5s\")", Values.toText(java.time.Duration.ofMillis(1500)));
    }

    @Test
    void replInputIsCompleteOnlyWithBracketsAndStringsClosed() {
        assertTrue(ExpressionSession.isComplete("[1, 2] == [1, 2]"));
        assertEquals(false, ExpressionSession.isComplete("[1,"));
        assertEquals(false, ExpressionSession.isComplete("'abc"));
        assertEquals(false, ExpressionSession.isComplete("a &&"));
        assertTrue(ExpressionSession.isComplete("'(' + \")\""));
    }
}
