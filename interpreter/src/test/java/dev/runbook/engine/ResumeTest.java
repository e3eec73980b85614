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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGINT stops a run (exit 4, run.interrupted); --resume finishes it without running a passed step twice. */
class ResumeTest {
    @TempDir
    Path dir;

    private String runbook() {
        return """
                runbook: t.resume
                title: Resume
                steps:
                  - id: one
                    shell: echo one >> @DIR@/trace
                    capture: { first: '"captured-one"' }
                  - id: two
                    shell: if [ -f @DIR@/ready ]; then echo two >> @DIR@/trace; else echo waiting >> @DIR@/started; sleep 30; fi
                  - id: three
                    shell: echo three >> @DIR@/trace
                    expect: vars.first == "captured-one"
                """.replace("@DIR@", dir.toString());
    }

    @Test
    void anInterruptedRunResumedFinishesWithNoPassedStepRunTwice() throws Exception {
        Path file = dir.resolve("resume.rb.yaml");
        Files.writeString(file, runbook());
        Path log = dir.resolve("audit.jsonl");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.runbook.cli.Main", "exec", file.toString(), "--audit-log",
                log.toString()).redirectErrorStream(true).start();
        for (int i = 0; i < 200 && !Files.exists(dir.resolve("started")); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(dir.resolve("started")), "step two is running");
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(4, run.exitValue(), output);
        assertTrue(output.contains("interrupted: resume it with --resume "), output);
        assertTrue(Files.readString(log).contains("\"event\":\"run.interrupted\""));
        Matcher id = Pattern.compile("--resume ([0-9A-Z]{26})").matcher(output);
        assertTrue(id.find(), output);

        Files.writeString(dir.resolve("ready"), "");
        CliRun resumed = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", id.group(1));
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("✓ one  passed in run " + id.group(1)), resumed.out());
        assertEquals(List.of("one", "two", "three"), Files.readAllLines(dir.resolve("trace")), "no passed step ran twice");
        assertTrue(AuditVerifier.verify(log, null).ok());
    }

    @Test
    void aResumeIsRefusedWhenTheRunbookChanged() throws Exception {
        Path file = dir.resolve("resume.rb.yaml");
        Files.writeString(file, runbook().replace("sleep 30", "exit 1"));
        Path log = dir.resolve("audit.jsonl");
        CliRun first = CliRun.of("exec", file.toString(), "--audit-log", log.toString());
        assertEquals(1, first.exitCode());
        String runId = first.out().replaceAll("(?s).* · run ([0-9A-Z]{26}).*", "$1");
        Files.writeString(file, runbook().replace("sleep 30", "exit 2"));
        CliRun resumed = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId);
        assertEquals(2, resumed.exitCode());
        assertTrue(resumed.err().contains("changed since run " + runId), resumed.err());
        CliRun unknown = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", "NOSUCHRUN");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no run NOSUCHRUN in"), unknown.err());
    }

    @Test
    void fromAndOnlyChooseTheStepsThatRun() throws Exception {
        Path file = dir.resolve("steps.rb.yaml");
        Files.writeString(file, runbook().replace("sleep 30", "true").replace("expect: vars.first == \"captured-one\"", "effects: read"));
        Files.writeString(dir.resolve("ready"), "");
        CliRun from = CliRun.of("exec", file.toString(), "--from", "two");
        assertEquals(0, from.exitCode(), from.out());
        assertTrue(from.out().contains("- one  not run (--from two)"), from.out());
        assertEquals(List.of("two", "three"), Files.readAllLines(dir.resolve("trace")));
        CliRun only = CliRun.of("exec", file.toString(), "--only", "three");
        assertEquals(0, only.exitCode(), only.out());
        assertEquals(List.of("two", "three", "three"), Files.readAllLines(dir.resolve("trace")));
        CliRun unknown = CliRun.of("exec", file.toString(), "--only", "four");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no step 'four'"), unknown.err());
    }
}
