package dev.runbook.engine;

import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.SourceFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of a step's life that end-to-end tests reach only together: results, statuses, selection and gating. */
class StepPartsTest {
    private static final ActionKinds KINDS = ActionKinds.standard();

    private static Runbook runbook(String steps) {
        Diagnostics diagnostics = new Diagnostics();
        Runbook runbook = new RunbookLoader(KINDS).parse(new SourceFile("t.rb.yaml",
                "runbook: t.parts\ntitle: T\nsteps:\n" + steps), diagnostics);
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all().toString());
        return runbook;
    }

    private static final Runbook GATED = runbook("""
              - id: look
                http: GET http://127.0.0.1:9/health
              - id: ok
                approve: go?
              - id: write
                shell: echo change
              - id: read
                log: done
            """);

    private static boolean isGate(Step step) {
        return step.action() != null && KINDS.find(step.action().kind()).orElseThrow().approvalGate();
    }

    private static Effect effect(Step step) {
        return step.action().kind().equals("shell") ? Effect.WRITE : Effect.READ;
    }

    private static RunOptions options(String from, String only) {
        return new RunOptions(Map.of(), null, null, "ops", Map.of(), from, only, RunOptions.Mode.EXEC, null);
    }

    @Test
    void aSelectedWritePullsInItsGate() {
        Approvals approvals = new Approvals(GATED.steps(), options(null, "write"), new HashSet<>(),
                StepPartsTest::isGate, StepPartsTest::effect);
        assertEquals(List.of(false, false, true, false), List.of(approvals.selected(0), approvals.selected(1),
                approvals.selected(2), approvals.selected(3)));
        assertTrue(approvals.pulledIn(1), "the gate of the selected write is asked");
        assertEquals("ok", approvals.ungranted(2).id());
    }

    @Test
    void aGivenGateGovernsNothingMore() {
        Set<String> granted = new HashSet<>(Set.of("ok"));
        Approvals approvals = new Approvals(GATED.steps(), options("write", null), granted, StepPartsTest::isGate,
                StepPartsTest::effect);
        assertTrue(!approvals.pulledIn(1));
        assertNull(approvals.ungranted(2));
        assertNull(approvals.ungranted(3), "a read needs no gate");
    }

    @Test
    void aResultTakesTheSeverityOfWhatFailedInsideWhenTheStepHasNone() {
        Step step = GATED.steps().get(2);
        Attempt failed = new Attempt(StepStatus.FAILED, "call x", "x failed", List.of(), Map.of(), null,
                Map.of("v", 1L), Step.Severity.P1);
        StepResult result = failed.toResult(step, step.displayTitle(), Duration.ZERO, 1);
        assertEquals(Step.Severity.P1, result.severity());
        assertEquals(Map.of(), result.captures(), "a failed attempt captures nothing");
        StepResult passed = Attempt.passed("ok", Map.of(), Map.of("v", 1L)).toResult(step, "t", Duration.ZERO, 2);
        assertEquals(Map.of("v", 1L), passed.captures());
        assertEquals(2, passed.attempts());
    }

    @Test
    void runStatusesCarryTheirExitCodes() {
        assertEquals(0, RunStatus.PASSED.exitCode().code());
        assertEquals(1, RunStatus.FAILED.exitCode().code());
        assertEquals(3, RunStatus.DENIED.exitCode().code());
        assertEquals(3, RunStatus.NEEDS_ANSWER.exitCode().code());
        assertEquals(4, RunStatus.INTERRUPTED.exitCode().code());
        assertEquals(6, RunStatus.ROLLBACK_FAILED.exitCode().code());
        assertEquals("rollback-failed", RunStatus.ROLLBACK_FAILED.label());
    }

    @Test
    void aStepWithoutExpectationsIsJudgedByItsKindsDefault() {
        assertEquals("status < 400", Expectations.of(List.of(), KINDS.find("http").orElseThrow()).get(0).source());
        assertEquals("exit_code == 0", Expectations.of(List.of(), KINDS.find("shell").orElseThrow()).get(0).source());
        assertEquals(List.of(), Expectations.of(List.of(), KINDS.find("log").orElseThrow()));
    }
}
