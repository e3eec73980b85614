package dev.runbook.engine;

import dev.runbook.check.Checker;
import dev.runbook.cli.CliRun;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An approve step governs the writes after it on every path into them: the whole runbook, --only, --from, --step,
 * --resume, and a dry-run of each selection says so. The write is a real UPDATE on the local PostgreSQL.
 */
class ApprovalGatingTest {
    static TestDatabase database;

    @TempDir
    Path dir;
    Path file;
    Path log;

    @BeforeAll
    static void start() throws Exception {
        database = new TestDatabase("CREATE TABLE accounts (id int PRIMARY KEY, locked boolean NOT NULL)",
                "INSERT INTO accounts VALUES (1, false), (2, false)");
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @BeforeEach
    void write() throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.execute("UPDATE " + database.schema + ".accounts SET locked = false");
        }
        file = dir.resolve("lock.rb.yaml");
        log = dir.resolve("audit.jsonl");
        Files.writeString(file, """
                runbook: t.lock-accounts
                title: Lock the accounts
                databases:
                  main: @DB@
                steps:
                  - id: count
                    sql: { db: main, query: "SELECT count(*) AS n FROM accounts" }
                  - id: gate
                    approve: { prompt: "Lock every account?", approvers: [cto, dba] }
                  - id: update
                    sql: { db: main, query: "UPDATE accounts SET locked = true" }
                  - id: report
                    shell: echo locked
                """.replace("@DB@", database.url()));
    }

    private long locked() throws Exception {
        return database.count("SELECT count(*) FROM accounts WHERE locked");
    }

    private CliRun exec(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "exec";
        args[1] = file.toString();
        args[2] = "--audit-log";
        args[3] = log.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    @Test
    void onlyTheGatedWriteWithoutItsApprovalExits3AndChangesNothing() throws Exception {
        CliRun run = exec("--only", "update", "--as", "cto");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(0, locked());
        assertTrue(run.out().contains("--approve gate"), run.out());
        assertFalse(run.out().contains("✓ update"), run.out());
    }

    @Test
    void fromTheGatedWriteWithoutItsApprovalExits3AndChangesNothing() throws Exception {
        CliRun run = exec("--from", "update", "--as", "cto");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(0, locked());
        assertTrue(run.out().contains("--approve gate"), run.out());
    }

    @Test
    void onlyTheGatedWriteRunsWhenItsApprovalIsGiven() throws Exception {
        CliRun run = exec("--only", "update", "--as", "cto", "--approve", "gate");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(2, locked());
        assertTrue(Files.readString(log).contains("\"event\":\"approval.granted\""));
        assertTrue(run.out().contains("- count  not run (--only update)"), run.out());
    }

    @Test
    void anIdentityNotAmongTheApproversIsADenialWithExit3() throws Exception {
        CliRun run = exec("--as", "intruder", "--approve", "gate");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertEquals(0, locked());
        assertTrue(run.out().contains("'intruder' may not approve this; allowed: cto, dba"), run.out());
        assertTrue(Files.readString(log).contains("\"event\":\"approval.denied\""));
        CliRun only = exec("--only", "update", "--as", "intruder", "--approve", "gate");
        assertEquals(3, only.exitCode(), only.out());
        assertEquals(0, locked());
    }

    @Test
    void aDryRunOfAPartialSelectionListsTheApprovalItNeeds() {
        for (String[] selection : new String[][] {{"--only", "update"}, {"--from", "update"}}) {
            CliRun plan = exec("--dry-run", selection[0], selection[1]);
            assertEquals(0, plan.exitCode(), plan.out() + plan.err());
            assertTrue(plan.out().contains("approval needed: approval: Lock every account?"), plan.out());
            assertTrue(plan.out().contains("1 approval needed"), plan.out());
        }
        CliRun onlyRead = exec("--dry-run", "--only", "count");
        assertTrue(onlyRead.out().contains("0 approvals needed"), onlyRead.out());
    }

    @Test
    void aResumedRunNeedsTheApprovalUnlessTheRunItResumesGaveIt() throws Exception {
        // Without an approval the run stops at the gate; its resume without one stops there again.
        CliRun first = exec("--as", "cto");
        assertEquals(3, first.exitCode(), first.out());
        String firstId = first.out().replaceAll("(?s).* · run ([0-9A-Z]{26}).*", "$1");
        CliRun resumed = exec("--as", "cto", "--resume", firstId);
        assertEquals(3, resumed.exitCode(), resumed.out() + resumed.err());
        assertEquals(0, locked());

        // Approved, then failed after the write: the resume does not ask again, it was given in that run.
        Files.writeString(file, Files.readString(file).replace("shell: echo locked", "shell: test -f " + dir.resolve("go")));
        CliRun approved = exec("--as", "cto", "--approve", "gate");
        assertEquals(1, approved.exitCode(), approved.out());
        assertEquals(2, locked());
        String approvedId = approved.out().replaceAll("(?s).* · run ([0-9A-Z]{26}).*", "$1");
        Files.writeString(dir.resolve("go"), "");
        CliRun again = exec("--as", "cto", "--resume", approvedId);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("✓ gate  passed in run " + approvedId), again.out());
    }

    @Test
    void aGateSkippedInStepModeIsAskedBeforeTheWriteItGoverns() throws Exception {
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        Checker checker = new Checker(loader);
        RunbookLoader.Loaded loaded = loader.load(file, file.toString());
        Engine engine = new Engine(loader.kinds(), loader, new FlagOperator("cto", Set.of(), Map.of(), Set.of()),
                RunListener.NONE, AuditTrail.NONE, step -> checker.effectOf(step, file))
                .withGate(step -> step.id().equals("gate") ? StepGate.Choice.SKIP : StepGate.Choice.RUN);
        RunResult result = engine.run(loaded.runbook(), file, RunOptions.exec("cto", Map.of(), Map.of()));
        assertEquals(3, result.exitCode(), result.toString());
        assertEquals(0, locked());
        assertTrue(result.steps().stream().anyMatch(s -> s.id().equals("gate") && "--approve gate".equals(s.neededFlag())),
                result.toString());
    }

    @Test
    void aGateWhoseOwnConditionIsFalseLetsItsWritesRun() throws Exception {
        Files.writeString(file, Files.readString(file).replace("    approve: {", "    when: false\n    approve: {"));
        CliRun run = exec("--as", "cto");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(2, locked());
    }
}
