package dev.runbook.engine;

import dev.runbook.audit.AuditVerifier;
import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A step that a killed run started and never finished is in doubt: a resume never runs it again silently. A
 * rollback that fails is never reported as rolled back: exit 6, and every report says so.
 */
class InDoubtAndRollbackTest {
    @TempDir
    Path dir;

    private String runbook() {
        return """
                runbook: t.in-doubt
                title: In doubt
                steps:
                  - id: one
                    shell: echo one >> @DIR@/trace
                  - id: charge
                    shell: echo charge >> @DIR@/trace; if [ ! -f @DIR@/fast ]; then touch @DIR@/started; sleep 60; fi
                  - id: three
                    shell: echo three >> @DIR@/trace
                """.replace("@DIR@", dir.toString());
    }

    /** Runs the runbook in a process of its own and kills it with SIGKILL while step charge runs; its run id. */
    private String killedMidStep(Path file, Path log) throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.runbook.cli.Main", "exec", file.toString(), "--audit-log",
                log.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("killed.out").toFile()).start();
        for (int i = 0; i < 400 && !Files.exists(dir.resolve("started")); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(dir.resolve("started")), "step charge is running");
        // The run first, then its shell: a shell killed first ends the step, and a quick enough run records
        // step.finished before its own SIGKILL lands, so that nothing is left in doubt.
        List<ProcessHandle> children = run.descendants().toList();
        run.destroyForcibly();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        children.forEach(ProcessHandle::destroyForcibly);
        String text = Files.readString(log);
        assertFalse(text.contains("\"run.finished\""), text);
        assertFalse(text.lines().anyMatch(l -> l.contains("\"event\":\"step.finished\"") && l.contains("\"step\":\"charge\"")),
                "the kill left step charge started and unfinished: " + text);
        return text.replaceAll("(?s).*?\"run\":\"([0-9A-Z]{26})\".*", "$1");
    }

    @Test
    void aStepInDoubtIsNotRunOnResumeWithoutATerminalAndTheRunExits3NamingTheFlags() throws Exception {
        Path file = dir.resolve("doubt.rb.yaml");
        Files.writeString(file, runbook());
        Path log = dir.resolve("audit.jsonl");
        String runId = killedMidStep(file, log);
        Files.writeString(dir.resolve("fast"), "");
        List<String> before = Files.readAllLines(dir.resolve("trace"));

        CliRun resumed = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId);
        assertEquals(3, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("step 'charge' is in doubt"), resumed.out());
        assertTrue(resumed.out().contains("--rerun charge or --count-as-done charge"), resumed.out());
        assertEquals(before, Files.readAllLines(dir.resolve("trace")), "the step in doubt did not run again");

        // Resuming that resume still finds the step in doubt: a run that stopped for want of a decision decided nothing.
        String secondId = resumed.out().replaceAll("(?s).* · run ([0-9A-Z]{26}).*", "$1");
        CliRun done = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", secondId,
                "--count-as-done", "charge");
        assertEquals(0, done.exitCode(), done.out() + done.err());
        assertTrue(done.out().contains("✓ charge  in doubt, counted as done by"), done.out());
        assertEquals(List.of("one", "charge", "three"), Files.readAllLines(dir.resolve("trace")));
        String text = Files.readString(log);
        assertTrue(text.contains("\"event\":\"step.in_doubt\""), text);
        assertTrue(text.contains("\"decision\":\"count-as-done\""), text);
        assertTrue(AuditVerifier.verify(log, null).ok());
    }

    @Test
    void aStepInDoubtRunsAgainOnlyWhenTheOperatorSaysSo() throws Exception {
        Path file = dir.resolve("doubt.rb.yaml");
        Files.writeString(file, runbook());
        Path log = dir.resolve("audit.jsonl");
        String runId = killedMidStep(file, log);
        Files.writeString(dir.resolve("fast"), "");
        CliRun rerun = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId,
                "--rerun", "charge");
        assertEquals(0, rerun.exitCode(), rerun.out() + rerun.err());
        assertEquals(List.of("one", "charge", "charge", "three"), Files.readAllLines(dir.resolve("trace")));
        assertTrue(Files.readString(log).contains("\"decision\":\"rerun\""));
        CliRun both = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId,
                "--rerun", "charge", "--count-as-done", "charge");
        assertEquals(2, both.exitCode(), both.err());
    }

    private Path failingRollback() throws Exception {
        Path file = dir.resolve("rollback.rb.yaml");
        Files.writeString(file, """
                runbook: t.rollback-fails
                title: A rollback that fails
                steps:
                  - id: deploy
                    shell: echo deployed
                    rollback:
                      shell: echo cannot undo >&2; exit 7
                  - id: verify
                    shell: exit 1
                """);
        return file;
    }

    @Test
    void aFailedRollbackExits6AndTheSummarySaysWhatWasLeftHalfDone() throws Exception {
        Path file = failingRollback();
        Path junit = dir.resolve("junit.xml");
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(),
                "--report-junit", junit.toString());
        assertEquals(6, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("✓ deploy") || run.out().contains("✓ deploy"), run.out());
        assertTrue(run.out().contains("rollback-failed: 1 passed, 1 failed, 0 skipped, 1 rollback failed"), run.out());
        assertFalse(run.out().contains("rolled back"), run.out());
        assertTrue(run.out().contains("the system may be half-changed: what deploy did was not undone; a person must look"),
                run.out());
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        assertTrue(xml.contains("tests=\"3\""), xml);
        assertTrue(xml.contains("name=\"rollback of deploy\""), xml);
        assertTrue(xml.contains("errors=\"1\"") || xml.contains("failures=\"2\""), xml);

        CliRun json = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("b.jsonl").toString(), "--format", "json");
        assertEquals(6, json.exitCode());
        assertTrue(json.out().contains("\"status\":\"rollback-failed\""), json.out());
        assertTrue(json.out().contains("\"exit_code\":6"), json.out());
        assertTrue(json.out().matches("(?s).*\"rollbacks\":\\[\\{\"id\":\"deploy\",\"status\":\"(failed|errored)\".*"), json.out());
    }

    @Test
    void aRollbackThatWorksIsReportedAsRolledBackWithExit1() throws Exception {
        Path file = failingRollback();
        Files.writeString(file, Files.readString(file).replace("echo cannot undo >&2; exit 7", "echo undone"));
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("1 rolled back"), run.out());
    }
}
