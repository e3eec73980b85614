package dev.runbook.model;

import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model from a file's nodes: actions in shorthand with their other keys beside them, and what is refused. */
class ModelBuilderTest {
    private final Diagnostics diagnostics = new Diagnostics();
    private final RunbookLoader loader = new RunbookLoader(ActionKinds.standard());

    private Runbook build(String steps) {
        String text = "runbook: t.model\ntitle: T\nsteps:\n" + steps;
        return loader.parse(new SourceFile("t.rb.yaml", text), diagnostics);
    }

    private List<String> messages() {
        return diagnostics.all().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }

    @Test
    void aShorthandTakesTheKeysWrittenBesideIt() {
        Runbook runbook = build("  - id: ask\n    manual: Check the dashboard\n    ask: {ok: {type: bool}}\n");
        assertTrue(messages().isEmpty(), messages().toString());
        Action action = runbook.steps().get(0).action();
        assertEquals("manual", action.kind());
        assertEquals("Check the dashboard", assertInstanceOf(Value.Text.class, action.setting("text")).template().source());
        assertNotNull(action.setting("ask"));
    }

    @Test
    void aKeyBesideAMapFormBelongsInsideIt() {
        build("  - id: ask\n    manual: {text: Check}\n    ask: {ok: {type: bool}}\n");
        assertEquals(List.of("6:5 'ask' goes inside manual: when manual is written as a map"), messages());
    }

    @Test
    void anUnknownKeyBesideAShorthandIsRefusedWhereItStands() {
        build("  - id: ask\n    manual: Check\n    aks: {ok: {type: bool}}\n");
        assertEquals(1, messages().size(), messages().toString());
        assertTrue(messages().get(0).startsWith("6:5 unknown key 'aks' in step 'ask'"), messages().toString());
    }

    @Test
    void anHttpShorthandIsExpandedByItsKind() {
        Runbook runbook = build("  - id: probe\n    http: POST https://example.test/x\n");
        Action action = runbook.steps().get(0).action();
        assertEquals("POST", assertInstanceOf(Value.Plain.class, action.setting("method")).text());
        assertEquals("https://example.test/x", assertInstanceOf(Value.Text.class, action.setting("url")).template().source());
    }

    @Test
    void aListLiteralForEachIsAWrittenOutList() {
        Runbook runbook = build("  - id: each\n    for_each: \"['a', 'b']\"\n    log: ${item}\n");
        assertTrue(messages().isEmpty(), messages().toString());
        assertNotNull(runbook.steps().get(0).forEach().written());
    }

    @Test
    void twoActionsInOneStepAreRefused() {
        build("  - id: two\n    log: a\n    shell: echo b\n");
        assertEquals(1, messages().size(), messages().toString());
        assertTrue(messages().get(0).contains("has two actions, 'log' and 'shell': one step does one thing"), messages().toString());
    }

    @Test
    void aRollbackHoldsExactlyOneAction() {
        build("  - id: w\n    shell: echo a\n    rollback: {shell: echo b, log: c}\n");
        assertTrue(messages().stream().anyMatch(m -> m.contains("rollback must hold exactly one action")), messages().toString());
    }

}
