package dev.runbook.engine;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Params from every source with their precedence and checks, and control flow that needs no server. */
class ParamsAndFlowTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String PARAMS = """
            runbook: t.params
            title: Params
            params:
              region: { type: string, default: eu, pattern: "^[a-z]{2}$" }
              replicas: { type: int, default: 1 }
              ratio: { type: double, default: 0.5 }
              dry: { type: bool, default: true }
              grace: { type: duration, default: 1s }
              zones: { type: list, default: [a] }
              ticket: { type: string, required: true }
              staging_ref: { default: stg }
            environments:
              production: { region: us, replicas: 3 }
            steps:
              - id: show
                log: "${params.region} ${params.replicas} ${params.ratio} ${params.dry} ${params.grace} ${params.zones} ${params.ticket}"
            """;

    @Test
    void paramsComeFromDefaultsThenEnvironmentThenFileThenFlagsTyped() throws IOException {
        Path file = write("p.rb.yaml", PARAMS);
        Path paramsFile = write("params.yaml", "replicas: 5\nzones: [x, y]\nticket: T-1\n");
        CliRun run = CliRun.of("exec", file.toString(), "--env", "production", "--params-file", paramsFile.toString(),
                "--param", "ratio=0.25", "--param", "dry=false", "--param", "grace=1m30s");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("✓ show  us 5 0.25 false duration(\"90s\") [\"x\", \"y\"] T-1"), run.out());
    }

    @Test
    void aSharedParamsFileGivesEachRunbookTheKeysItDeclaresAndRecordsTheRest() throws IOException {
        Path file = write("p.rb.yaml", PARAMS);
        // staging_url is three edits from a param of this runbook, staging_ref: another runbook's key, not a typo
        Path shared = write("platform.yaml", "ticket: T-2\nregion: fr\nsupabase_url: http://127.0.0.1:1\nstaging_url: x\n");
        Path log = dir.resolve("audit.jsonl");
        CliRun run = CliRun.of("exec", file.toString(), "--params-file", shared.toString(), "--audit-log", log.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("✓ show  fr 1 0.5 true"), run.out());
        String started = Files.readAllLines(log).get(0);
        assertTrue(started.contains("\"params_file_unused\":[\"supabase_url\",\"staging_url\"]"), started);
    }

    @Test
    void aParamsFileKeyThatLooksLikeAMisspeltParamIsRefused() throws IOException {
        Path file = write("p.rb.yaml", PARAMS);
        Path typo = write("typo.yaml", "ticket: T-3\nregoin: fr\n");
        CliRun run = CliRun.of("exec", file.toString(), "--params-file", typo.toString());
        assertEquals(2, run.exitCode());
        assertEquals("runbook: not started: --params-file: this runbook has no param 'regoin' (did you mean 'region'?)\n", run.err());
        assertEquals("", run.out(), "nothing ran");
    }

    @Test
    void aCommandSeesTheEnvironmentTheRunWasGivenNotTheJvmOne() throws IOException {
        Path file = write("e.rb.yaml", """
                runbook: t.env
                title: Env
                steps:
                  - id: child
                    shell: echo "$ONLY_IN_THE_RUN:$(command -v standin-tool)"
                    expect: stdout.trim() == env.ONLY_IN_THE_RUN + ":" + env.TOOLS + "/standin-tool"
                """);
        Path tools = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(tools.resolve("standin-tool"), "#!/bin/sh\necho tool\n");
        tool.toFile().setExecutable(true);
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put("ONLY_IN_THE_RUN", "given");
        environment.put("TOOLS", tools.toString());
        environment.put("PATH", tools + ":" + System.getenv("PATH"));
        environment.put("RUNBOOK_AUDIT_LOG", dir.resolve("env-audit.jsonl").toString());
        CliRun run = CliRun.withEnvironment(environment, "exec", file.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(Files.exists(dir.resolve("env-audit.jsonl")), "RUNBOOK_AUDIT_LOG came from the given environment");
    }

    @Test
    void requiredPatternTypeAndEnvironmentAreCheckedBeforeAnythingRuns() throws IOException {
        Path file = write("p.rb.yaml", PARAMS);
        CliRun missing = CliRun.of("exec", file.toString());
        assertEquals(2, missing.exitCode());
        assertEquals("runbook: not started: param 'ticket' is required: give it with --param ticket=VALUE\n", missing.err());
        CliRun pattern = CliRun.of("exec", file.toString(), "-p", "ticket=T", "-p", "region=europe");
        assertEquals(2, pattern.exitCode());
        assertTrue(pattern.err().contains("param 'region' = europe does not match ^[a-z]{2}$"), pattern.err());
        CliRun type = CliRun.of("exec", file.toString(), "-p", "ticket=T", "-p", "replicas=many");
        assertEquals(2, type.exitCode());
        assertTrue(type.err().contains("param 'replicas' is an int, not \"many\""), type.err());
        CliRun env = CliRun.of("exec", file.toString(), "-p", "ticket=T", "--env", "prod");
        assertEquals(2, env.exitCode());
        assertTrue(env.err().contains("no environment 'prod' in this runbook; it has production"), env.err());
        assertEquals("", env.out(), "nothing ran");
    }

    @Test
    void aCalledRunbookRunsWithItsParamsAndReportsItsStatus() throws IOException {
        write("a.rb.yaml", "runbook: t.a\ntitle: A\nsteps:\n  - id: to_b\n    call: ./b.rb.yaml\n    with: { who: ana }\n"
                + "    expect: vars.said == 'hi ana'\n");
        write("b.rb.yaml", "runbook: t.b\ntitle: B\nparams:\n  who: { required: true }\nsteps:\n  - id: hello\n"
                + "    log: hi ${params.who}\n    capture: { said: message }\n");
        CliRun ok = CliRun.of("exec", dir.resolve("a.rb.yaml").toString());
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.out().contains("✓ hello  hi ana"), ok.out());
        assertTrue(ok.out().contains("✓ to_b  call ./b.rb.yaml → passed"), ok.out());
    }

    @Test
    void aCalledRunbooksLinesAreIndentedUnderTheCallWhichFailsWithTheirSeverity() throws IOException {
        write("outer.rb.yaml", "runbook: t.outer\ntitle: Outer\nsteps:\n  - id: daily\n    call: ./inner.rb.yaml\n");
        write("inner.rb.yaml", "runbook: t.inner\ntitle: Inner\nsteps:\n  - id: probe\n    shell: exit 2\n    severity: P0\n");
        CliRun run = CliRun.of("exec", dir.resolve("outer.rb.yaml").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(("\n" + run.out()).contains("\n    ✗ probe  exit 2"), "the called step, indented:\n" + run.out());
        assertTrue(run.out().contains("\n✗ daily  call ./inner.rb.yaml → failed"), "the call, not indented:\n" + run.out());
        assertTrue(run.out().contains("highest severity P0"), "the call fails with its callee's severity:\n" + run.out());
    }

    @Test
    void aFailingForEachNamesTheElementThatFailed() throws IOException {
        Path file = write("each.rb.yaml", """
                runbook: t.each
                title: Each
                steps:
                  - id: sizes
                    for_each: "['ok', 'too long', 'fine']"
                    as: word
                    log: ${word}
                    expect: size(word) < 5
                """);
        CliRun run = CliRun.of("exec", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("""
                    item 2 of 3 (word = "too long"):
                      expect size(word) < 5
                        size(word) = 8
                """), run.out());
    }

    @Test
    void aCallCycleIsRefusedBeforeAnythingRuns() throws IOException {
        write("a.rb.yaml", "runbook: t.a\ntitle: A\nsteps:\n  - id: to_b\n    call: ./b.rb.yaml\n");
        write("b.rb.yaml", "runbook: t.b\ntitle: B\nsteps:\n  - id: to_a\n    call: ./a.rb.yaml\n");
        CliRun cycle = CliRun.of("exec", dir.resolve("a.rb.yaml").toString());
        assertEquals(2, cycle.exitCode());
        assertTrue(cycle.err().contains("call cycle: a.rb.yaml → b.rb.yaml → a.rb.yaml"), cycle.err());
        assertEquals("", cycle.out());
    }

    @Test
    void waitUntilGivesUpAfterItsTimeout() throws IOException {
        Path file = write("w.rb.yaml", """
                runbook: t.wait
                title: Wait
                steps:
                  - id: never
                    wait: { until: "1 == 2", every: 20ms, timeout: 100ms }
                """);
        CliRun run = CliRun.of("exec", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("the condition did not hold within 100 ms"), run.out());
    }

    @Test
    void retryStopsAtItsAttemptsAndReportsThem() throws IOException {
        Path file = write("r.rb.yaml", """
                runbook: t.retry
                title: Retry
                steps:
                  - id: flaky
                    shell: exit 1
                    retry: { attempts: 3, interval: 10ms, backoff: 2.0 }
                """);
        CliRun run = CliRun.of("exec", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("✗ flaky  exit 1") && run.out().contains("(3 attempts)"), run.out());
    }
}
