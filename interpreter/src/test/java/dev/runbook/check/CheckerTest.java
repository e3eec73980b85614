package dev.runbook.check;

import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of language.md §6, one behaviour a test, in whichever form states it most plainly. */
class CheckerTest {
    @TempDir
    Path dir;

    private List<String> check(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        RunbookLoader.Loaded loaded = loader.load(file, name);
        new Checker(loader).check(loaded);
        return loaded.diagnostics().all().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.severity().label() + ": " + d.message())
                .toList();
    }

    private static final String HEAD = "runbook: t.x\ntitle: T\n";

    @Test
    void unknownTopLevelKeysGetADidYouMean() throws IOException {
        assertEquals(List.of("3:1 error: unknown key 'paramz' in the runbook (did you mean 'params'?)"),
                check("a.rb.yaml", HEAD + "paramz: {}\nsteps:\n  - id: a\n    log: x\n"));
    }

    @Test
    void unknownSecretsAndNeverCapturedVarsAreReported() throws IOException {
        List<String> found = check("a.rb.yaml", HEAD + "secrets: { token: TOKEN }\nsteps:\n"
                + "  - id: a\n    log: ${secrets.tokn} ${vars.nothing}\n");
        assertEquals(List.of(
                "6:12 error: unknown secret 'tokn' (did you mean 'token'?)",
                "6:28 error: vars.nothing is never captured"), found);
    }

    @Test
    void aProblemInsideAYamlBlockScalarIsReportedWhereItStandsInTheFile() throws IOException {
        String lines = "      first line of the text\n      second line ${vars.nope} here\n";
        assertEquals(List.of("7:21 error: vars.nope is never captured"),
                check("literal.rb.yaml", HEAD + "steps:\n  - id: a\n    log: |\n" + lines),
                "a literal block: its lines are the file's, less their indentation");
        assertEquals(List.of("7:21 error: vars.nope is never captured"),
                check("folded.rb.yaml", HEAD + "steps:\n  - id: a\n    manual: >-\n" + lines),
                "a folded block: its lines are joined into one, and the problem is still on the second");
        assertEquals(List.of("9:13 error: vars.later is never captured"),
                check("gap.rb.yaml", HEAD + "steps:\n  - id: a\n    manual: >\n      one\n\n        more indented\n"
                        + "      and ${vars.later}\n"),
                "blank and more-indented lines of a folded block");
    }

    @Test
    void waitNeedsADurationOrACondition() throws IOException {
        List<String> found = check("a.runbook", "runbook t.x \"T\" {\n  step a {\n    wait { every 5s }\n  }\n}\n");
        assertEquals(List.of("3:5 error: wait needs either a duration (wait: 30s) or until (wait: {until: EXPR})"), found);
    }

    @Test
    void smallYamlAliasesAreAccepted() throws IOException {
        List<String> found = check("a.rb.yaml", HEAD + "defaults:\n  http:\n    headers: &h { Accept: application/json }\n"
                + "steps:\n  - id: a\n    http:\n      url: http://127.0.0.1/\n      headers: *h\n");
        assertEquals(List.of(), found);
    }

    @Test
    void aWriteWithNoApprovalBeforeItIsAWarningAndEffectsReadSilencesIt() throws IOException {
        String steps = "steps:\n  - id: a\n    http: POST http://127.0.0.1/x\n";
        assertEquals(List.of("4:5 warning: step 'a' may change things (http POST) and no approve step comes before it; "
                + "add an approve step, or effects: read if it only reads"), check("a.rb.yaml", HEAD + steps));
        assertEquals(List.of(), check("b.rb.yaml", HEAD + steps + "    effects: read\n"));
    }

    @Test
    void aCallOfARunbookThatApprovesBeforeItsFirstWriteNeedsNoApprovalOfItsOwn() throws IOException {
        Files.writeString(dir.resolve("gated.rb.yaml"), HEAD + "steps:\n  - id: ok\n    approve: restore?\n"
                + "  - id: w\n    shell: pg_restore x\n");
        Files.writeString(dir.resolve("ungated.rb.yaml"), HEAD + "steps:\n  - id: w\n    shell: pg_restore x\n"
                + "  - id: ok\n    approve: late?\n");
        assertEquals(List.of(), check("a.rb.yaml", HEAD + "steps:\n  - id: c\n    call: ./gated.rb.yaml\n"));
        assertEquals(List.of("4:5 warning: step 'c' may change things (call ./ungated.rb.yaml) and no approve step comes "
                + "before it; add an approve step, or effects: read if it only reads"),
                check("b.rb.yaml", HEAD + "steps:\n  - id: c\n    call: ./ungated.rb.yaml\n"));
    }

    @Test
    void aCallIsCheckedAgainstTheCalledRunbooksParams() throws IOException {
        Files.writeString(dir.resolve("callee.runbook"),
                "runbook t.callee \"Callee\" {\n  param reason: string { required true }\n  step a { log \"x\" }\n}\n");
        List<String> found = check("a.rb.yaml", HEAD + "steps:\n  - id: ok\n    approve: go?\n"
                + "  - id: c\n    call: ./callee.runbook\n    with: { reasn: x }\n");
        assertEquals(List.of(
                "7:11 error: callee.runbook requires param 'reason': pass it with with:",
                "8:13 error: callee.runbook has no param 'reasn' (did you mean 'reason'?)"), found);
    }

    @Test
    void everyDiagnosticOfAFileIsCollectedInBothForms() throws IOException {
        String dsl = "runbook t.x \"T\" {\n"
                + "  step a {\n    GET \"http://127.0.0.1/${params.missing}\"\n    expect status == \"200\"\n  }\n"
                + "  step a {\n    log \"${steps.b.status}\"\n  }\n"
                + "  step b {\n    sql nodb \"SELECT 1\"\n  }\n}\n";
        List<String> found = check("a.runbook", dsl);
        assertEquals(List.of(
                "3:29 error: unknown param 'missing': the runbook declares no params",
                "4:12 error: compares an int with a string: never equal (write the number without quotes, or convert with int() or string())",
                "6:3 error: duplicate step id 'a' (first used at line 2)",
                "7:12 error: steps.b refers to a step that runs later than the action of step 'a': a step can only read the results of steps before it",
                "10:9 error: unknown database 'nodb': declare it under databases:"), found);
    }

    @Test
    void diagnosticsAreErrorsOrWarnings() {
        assertTrue(new Diagnostic(Diagnostic.Severity.WARNING, dev.runbook.ast.SourceSpan.NONE, "w").severity()
                == Diagnostic.Severity.WARNING);
    }
}
