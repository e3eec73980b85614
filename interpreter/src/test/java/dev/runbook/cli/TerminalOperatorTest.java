package dev.runbook.cli;

import dev.runbook.engine.FlagOperator;
import dev.runbook.stdlib.Operator;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator at a terminal (a JLine terminal fed what a person would type). */
class TerminalOperatorTest {
    private static Terminal terminal(String typed, ByteArrayOutputStream screen) throws Exception {
        return new DumbTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen);
    }

    private static final Operator NO_FLAGS = new FlagOperator("intruder", Set.of(), Map.of(), Set.of());

    @Test
    void anIdentityThatMayNotApproveIsNotOfferedAndARefusedNameIsAskedAgain() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = terminal("y\nintruder\ncto\nbackup checked\n", screen)) {
            Operator.Decision decision = new TerminalOperator(terminal, NO_FLAGS, "intruder")
                    .approve("gate", "Restore?", List.of("cto", "dba"), List.of("restore (sql)"));
            String shown = screen.toString(StandardCharsets.UTF_8);
            assertTrue(decision.approved());
            assertEquals("cto", decision.approver());
            assertEquals("backup checked", decision.reason());
            assertTrue(!shown.contains("[intruder]"), "the operator's own name is not offered: " + shown);
            assertTrue(shown.contains("'intruder' may not approve this; allowed: cto, dba"), shown);
        }
    }

    @Test
    void anIdentityThatMayApproveIsOfferedByDefault() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = terminal("y\n\nok\n", screen)) {
            Operator.Decision decision = new TerminalOperator(terminal, NO_FLAGS, "cto")
                    .approve("gate", "Restore?", List.of("cto"), List.of());
            assertEquals("cto", decision.approver());
            assertTrue(screen.toString(StandardCharsets.UTF_8).contains("Who approves? [cto]"));
        }
    }

    @Test
    void aStepInDoubtIsDecidedAtThePrompt() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = terminal("maybe\nd\n", screen)) {
            Operator.InDoubtDecision decision = new TerminalOperator(terminal, NO_FLAGS, "ana")
                    .inDoubt("charge", "run X started it and never finished it");
            assertEquals(Operator.InDoubtChoice.COUNT_AS_DONE, decision.choice());
            assertEquals("prompt", decision.how());
            assertTrue(screen.toString(StandardCharsets.UTF_8).contains("charge is in doubt"));
        }
    }
}
