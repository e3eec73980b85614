package dev.runbook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's and an author's day (issue 13): keep going and fail at the end, clear check messages, one log. */
class OperatorsDayTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String CHECKS = """
            runbook: t.morning
            title: Morning checks
            @DEFAULTS@
            steps:
              - id: first
                shell: exit 1
                @ON_FAILURE@
              - id: second
                shell: echo second ran
              - id: third
                shell: exit 2
                @ON_FAILURE@
            """;

    @Test
    void continueRunsEveryCheckAndFailsAtTheEndInEveryReport() throws Exception {
        for (String[] form : new String[][] {{"", "on_failure: continue"}, {"defaults: { on_failure: continue }", ""}}) {
            Path file = write("checks.rb.yaml", CHECKS.replace("@DEFAULTS@", form[0]).replace("@ON_FAILURE@", form[1]));
            Path junit = dir.resolve("junit.xml");
            CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(),
                    "--report-junit", junit.toString());
            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("✓ second"), run.out());
            assertTrue(run.out().contains("failed: 1 passed, 2 failed"), run.out());
            assertTrue(Files.readString(junit).contains("failures=\"2\""), Files.readString(junit));
            CliRun json = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(), "--format", "json");
            assertEquals(1, json.exitCode());
            assertTrue(json.out().contains("\"status\":\"failed\",\"exit_code\":1"), json.out());
        }
    }

    @Test
    void ignoreReportsTheFailureAndLetsTheRunPassInEveryReport() throws Exception {
        Path file = write("checks.rb.yaml", CHECKS.replace("@DEFAULTS@", "").replace("@ON_FAILURE@", "on_failure: ignore"));
        Path junit = dir.resolve("junit.xml");
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(),
                "--report-junit", junit.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("passed: 1 passed, 0 failed, 0 skipped, 2 failed and ignored"), run.out());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("failures=\"0\" errors=\"0\" skipped=\"2\""), xml);
        assertTrue(xml.contains("ignored (on_failure: ignore)"), xml);
        CliRun json = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(), "--format", "json");
        assertEquals(0, json.exitCode());
        assertTrue(json.out().contains("\"status\":\"passed\",\"exit_code\":0"), json.out());
        assertTrue(json.out().contains("\"ignored\":true"), json.out());
    }

    @Test
    void defaultsOnFailureConvertsToTheDslAndBack() throws Exception {
        Path yaml = write("checks.rb.yaml", CHECKS.replace("@DEFAULTS@", "defaults: { on_failure: continue }")
                .replace("@ON_FAILURE@", ""));
        Path dsl = dir.resolve("checks.runbook");
        assertEquals(0, CliRun.of("convert", yaml.toString(), "--to", "dsl", "-o", dsl.toString()).exitCode());
        assertTrue(Files.readString(dsl).contains("on_failure continue"), Files.readString(dsl));
        CliRun run = CliRun.of("exec", dsl.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("✓ second"), run.out());
        CliRun bad = CliRun.of("check", write("bad.rb.yaml", CHECKS.replace("@DEFAULTS@", "defaults: { on_failure: goon }")
                .replace("@ON_FAILURE@", "")).toString());
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
    }

    @Test
    void checkRefusesAnUnknownQuestionTypeAndSaysWhatWasMeant() throws Exception {
        Path file = write("ask.rb.yaml", """
                runbook: t.ask
                title: Ask
                steps:
                  - id: look
                    manual: Look at the dashboard.
                    ask:
                      count: { type: numbr, prompt: "How many?" }
                      ok: { type: boll, prompt: "All good?", default: yes }
                """);
        CliRun check = CliRun.of("check", file.toString());
        String all = check.out() + check.err();
        assertEquals(2, check.exitCode(), all);
        assertTrue(all.contains("ask.count.type must be one of string, int, double, bool, not 'numbr'"), all);
        assertTrue(all.contains("ask.ok.type must be one of string, int, double, bool, not 'boll' (did you mean 'bool'?)"), all);
        assertTrue(all.contains("ask.ok has an unknown key 'default'"), all);
    }

    @Test
    void aSingleEqualsSignAndABareTemplateGetTheFixInTheMessage() throws Exception {
        CliRun eval = CliRun.of("eval", "status = 200");
        assertTrue(eval.err().contains("(to compare, write ==)"), eval.err());
        Path dsl = write("bare.runbook", "runbook a.b \"T\" {\n  step x {\n    GET ${params.u}\n  }\n}\n");
        CliRun check = CliRun.of("check", dsl.toString());
        assertTrue((check.out() + check.err()).contains("a ${...} template goes inside a string"), check.out() + check.err());
    }

    @Test
    void theAuditLogDefaultsToTheUsersStateFolderSoAResumeWorksFromAnywhere() throws Exception {
        Path file = write("one.rb.yaml", "runbook: t.one\ntitle: One\nsteps:\n  - id: a\n    log: hi\n");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("RUNBOOK_AUDIT_LOG");
        environment.put("XDG_STATE_HOME", dir.resolve("state").toString());
        CliRun run = CliRun.withEnvironment(environment, "exec", file.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Path log = dir.resolve("state/runbook/audit.jsonl");
        assertTrue(Files.exists(log), run.out());
        assertTrue(run.out().contains("audit log: " + log), run.out());
        assertEquals(0, CliRun.withEnvironment(environment, "audit", "verify").exitCode());
        environment.remove("XDG_STATE_HOME");
        environment.put("HOME", dir.resolve("home").toString());
        assertEquals(0, CliRun.withEnvironment(environment, "exec", file.toString()).exitCode());
        assertTrue(Files.exists(dir.resolve("home/.local/state/runbook/audit.jsonl")));
    }

    @Test
    void checkAndListOfAFolderSkipBuildOutputAndIgnoredFilesAndSaySoWhenAsked() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("target/classes"));
        Files.createDirectories(tree.resolve("generated"));
        Files.createDirectories(tree.resolve("ops/fixtures"));
        Files.createDirectories(tree.resolve(".git"));
        String good = "runbook: t.good\ntitle: Good\nsteps:\n  - id: a\n    log: hi\n";
        Files.writeString(tree.resolve("ops/good.rb.yaml"), good);
        for (Path broken : new Path[] {tree.resolve("target/classes/copy.rb.yaml"), tree.resolve("generated/x.rb.yaml"),
                tree.resolve("ops/fixtures/broken.runbook"), tree.resolve("ops/draft.tmp.rb.yaml"), tree.resolve(".git/y.rb.yaml")}) {
            Files.writeString(broken, "runbook: Not Valid\n");
        }
        Files.writeString(tree.resolve(".gitignore"), "# build\n/generated/\n*.tmp.rb.yaml\n");
        Files.writeString(tree.resolve("ops/.runbookignore"), "fixtures/\n");
        CliRun check = CliRun.of("check", tree.toString());
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains("checked 1 file: 0 errors"), check.out());
        CliRun verbose = CliRun.of("check", "--verbose", tree.toString());
        for (String skipped : new String[] {"target/ (build output)", "generated/ (.gitignore: /generated/)",
                "draft.tmp.rb.yaml (.gitignore: *.tmp.rb.yaml)", "fixtures/ (ops/.runbookignore: fixtures/)", ".git/ (hidden folder)"}) {
            assertTrue(verbose.out().contains(skipped), skipped + " in:\n" + verbose.out());
        }
        CliRun list = CliRun.of("list", tree.toString());
        assertEquals(0, list.exitCode(), list.out() + list.err());
        assertEquals(2, list.out().lines().count(), list.out());
    }

    @Test
    void checkAndListOfTheRepositoryRootPass() {
        String repo = System.getProperty("runbook.repo");
        CliRun check = CliRun.of("check", "-q", repo);
        assertEquals(0, check.exitCode(), check.out() + check.err());
        CliRun list = CliRun.of("list", repo);
        assertEquals(0, list.exitCode(), list.err());
        assertFalse(list.out().contains("(invalid"), list.out());
    }

    @Test
    void aHintSaysWhatToDoUnderTheFailureInEveryReportAndInDoc() throws Exception {
        Path file = write("hint.rb.yaml", """
                runbook: t.hint
                title: Hint
                params:
                  svc: { default: api }
                steps:
                  - id: health
                    shell: echo degraded; exit 3
                    hint: Restart ${params.svc} with kubectl rollout restart deploy/${params.svc} (it exited ${exit_code})
                  - id: fine
                    log: fine
                    hint: never shown
                """);
        Path junit = dir.resolve("junit.xml");
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(),
                "--report-junit", junit.toString());
        assertEquals(1, run.exitCode(), run.out());
        String hint = "Restart api with kubectl rollout restart deploy/api (it exited 3)";
        assertTrue(run.out().contains("→ " + hint), run.out());
        assertTrue(Files.readString(junit).contains("what to do: " + hint), Files.readString(junit));
        assertTrue(Files.readString(dir.resolve("a.jsonl")).contains("\"hint\":\"" + hint + "\""));
        CliRun json = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString(), "--format", "json");
        assertTrue(json.out().contains("\"hint\":\"" + hint + "\""), json.out());
        assertFalse(json.out().contains("never shown"), json.out());
        CliRun doc = CliRun.of("doc", file.toString());
        assertTrue(doc.out().contains("**If it fails:** Restart ${params.svc}"), doc.out());
        Path dsl = dir.resolve("hint.runbook");
        assertEquals(0, CliRun.of("convert", file.toString(), "--to", "dsl", "-o", dsl.toString()).exitCode());
        CliRun again = CliRun.of("exec", dsl.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertTrue(again.out().contains("→ " + hint), again.out());
    }

    @Test
    void verboseShowsWhatAPassingStepReturnedAndJsonCarriesResultsAndCapturesWithSecretsMasked() throws Exception {
        Path file = write("pods.rb.yaml", """
                runbook: t.pods
                title: Pods
                secrets:
                  tok: PODS_TOKEN
                steps:
                  - id: pods
                    shell: printf 'pod-a Running\\npod-b CrashLoopBackOff\\n'
                    capture: { out: stdout, token: secrets.tok, long: '"x".repeat(2000)' }
                """.replace("'\"x\".repeat(2000)'", "stdout + stdout"));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PODS_TOKEN", "pods-S3cret");
        CliRun plain = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertFalse(plain.out().contains("CrashLoopBackOff"), plain.out());
        CliRun verbose = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log",
                dir.resolve("a.jsonl").toString(), "--verbose");
        assertEquals(0, verbose.exitCode(), verbose.out() + verbose.err());
        assertTrue(verbose.out().contains("pod-b CrashLoopBackOff"), verbose.out());
        CliRun json = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log",
                dir.resolve("a.jsonl").toString(), "--format", "json");
        assertTrue(json.out().contains("\"result\":{\"exit_code\":0"), json.out());
        assertTrue(json.out().contains("\"output\":[\"stdout:\",\"  pod-a Running\",\"  pod-b CrashLoopBackOff\"]"), json.out());
        assertTrue(json.out().contains("\"captures\":{"), json.out());
        assertTrue(json.out().contains("\"token\":\"***\""), json.out());
        assertFalse(json.out().contains("pods-S3cret"), json.out());
    }

    @Test
    void aParamsFilePastItsBoundIsRefusedSayingSoAndOneWithinItIsRead() throws Exception {
        Path file = write("p.rb.yaml", "runbook: t.p\ntitle: P\nparams:\n  key_7: {}\nsteps:\n  - id: a\n    log: ${params.key_7}\n");
        Path big = dir.resolve("big.yaml");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() <= 5 * 1024 * 1024; i++) {
            text.append("key_").append(i).append(": value-").append(i).append('\n');
        }
        Files.writeString(big, text);
        CliRun refused = CliRun.of("exec", file.toString(), "--params-file", big.toString(), "--audit-log",
                dir.resolve("a.jsonl").toString());
        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.err().contains("a params file may be at most 4 MB"), refused.err());
        Path within = dir.resolve("within.yaml");
        Files.writeString(within, text.substring(0, text.indexOf("\n", 3 * 1024 * 1024) + 1));
        CliRun run = CliRun.of("exec", file.toString(), "--params-file", within.toString(), "--audit-log",
                dir.resolve("a.jsonl").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("value-7"), run.out());
        assertTrue(Files.readString(dir.resolve("a.jsonl")).contains("more\"]"), "the unused keys recorded are bounded");
    }

    @Test
    void checkReadsAHintsTemplatesAsItReadsAnExpectation() throws Exception {
        Path file = write("hint-check.rb.yaml", """
                runbook: t.hint-check
                title: Hint check
                steps:
                  - id: a
                    shell: exit 1
                    effects: read
                    hint: "it exited ${exit_code}; see ${params.nope}"
                """);
        CliRun check = CliRun.of("check", file.toString());
        assertEquals(2, check.exitCode(), check.out() + check.err());
        assertTrue(check.err().contains("hint-check.rb.yaml:7:"), check.err());
        assertTrue(check.err().contains("unknown param 'nope'"), check.err());
        assertEquals(1, check.err().lines().filter(line -> line.contains(": error: ")).count(),
                "a result field of the failed step (exit_code) is known to its hint: " + check.err());
    }
}
