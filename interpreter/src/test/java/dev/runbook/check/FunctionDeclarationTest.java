package dev.runbook.check;

import dev.runbook.expr.Evaluator;
import dev.runbook.expr.FunctionRegistry;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.Diagnostic;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Expressions;
import dev.runbook.ast.SourceSpan;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.runbook.expr.FunctionRegistry.Signature.returns;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A function declared in one place (name, call style, types, body) is both type-checked and evaluated. */
class FunctionDeclarationTest {
    private final FunctionRegistry functions = FunctionRegistry.standard(Clock.systemUTC())
            .define("twice", FunctionRegistry.Style.RECEIVER, returns("string").on("string"),
                    args -> String.valueOf(args.get(0)).repeat(2));

    private List<String> check(String text, boolean wantBool) {
        Diagnostics diagnostics = new Diagnostics();
        Expression expression = Expressions.parse(text, SourceSpan.NONE, diagnostics);
        Scope scope = new Scope(null, Map.of(), Set.of(), Map.of(), Map.of(), Map.of(), true, "the test");
        new ExpressionChecker(diagnostics, ActionKinds.standard(), functions).check(expression, scope, wantBool);
        return diagnostics.all().stream().map(Diagnostic::message).toList();
    }

    @Test
    void aDeclaredFunctionIsEvaluated() {
        Diagnostics diagnostics = new Diagnostics();
        Expression expression = Expressions.parse("'ab'.twice()", SourceSpan.NONE, diagnostics);
        assertEquals("abab", new Evaluator(functions).evaluate(expression.ast(), name -> null));
    }

    @Test
    void itsOperandTypeIsChecked() {
        assertEquals(List.of("twice() applies to a string, not an int"), check("1.twice()", false));
        assertEquals(List.of(), check("'ab'.twice()", false));
    }

    @Test
    void itsResultTypeIsChecked() {
        assertEquals(List.of("the test must be true or false, but this is a string"), check("'ab'.twice()", true));
    }

    @Test
    void withoutTheDeclarationItIsUnknown() {
        Diagnostics diagnostics = new Diagnostics();
        Expression expression = Expressions.parse("'ab'.twice()", SourceSpan.NONE, diagnostics);
        Scope scope = new Scope(null, Map.of(), Set.of(), Map.of(), Map.of(), Map.of(), true, "the test");
        new ExpressionChecker(diagnostics, ActionKinds.standard()).check(expression, scope, false);
        assertEquals(List.of("unknown function 'twice'"), diagnostics.all().stream().map(Diagnostic::message).toList());
    }

    @Test
    void theStandardSizeAcceptsWhatItsDeclarationSays() {
        assertEquals(List.of("size() applies to a string, bytes, list or map, not an int"), check("size(1)", false));
        assertEquals(List.of("getFullYear() applies to a timestamp, not a string"), check("'x'.getFullYear()", false));
        assertEquals(List.of("getHours() applies to a timestamp or duration, not a string"), check("'x'.getHours()", false));
    }
}
