package dev.runbook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands run in-process with their output captured. */
class CliTest {
    @TempDir
    Path dir;

    static Path repo() {
        return Path.of(System.getProperty("runbook.repo", "..")).toAbsolutePath().normalize();
    }

    @Test
    void evalPrintsTheValueAsACelLiteral() {
        CliRun run = CliRun.of("eval", "[1, 2].map(x, x * 2)");
        assertEquals(0, run.exitCode());
        assertEquals("[2, 4]\n", run.out());
    }

    @Test
    void evalVarsAreLiteralsWhenTheyParseElseText() {
        CliRun run = CliRun.of("eval", "--var", "n=5", "--var", "name=alice", "--var", "t=30s", "n + 1 == 6 && name == 'alice' && t == 30s");
        assertEquals("true\n", run.out());
    }

    @Test
    void evalReadsOneExpressionALineFromStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("1 + 1\n'a' + 'b'\n1 / 0\n2 * 3\n".getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.of("eval");
            assertEquals("2\n\"ab\"\n<error>\n6\n", run.out());
            assertTrue(run.err().contains("divide by zero"), run.err());
            assertEquals(1, run.exitCode());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void evalOfAnInvalidExpressionExitsTwoWithACaret() {
        CliRun run = CliRun.of("eval", "status == == 200");
        assertEquals(2, run.exitCode());
        assertEquals("expression:1:11: error: unexpected '=='; expected an expression\n    status == == 200\n              ^\n", run.err());
        assertFalse(run.hasStackTrace());
    }

    @Test
    void evalOfAnErrorExitsOne() {
        CliRun run = CliRun.of("eval", "1 / 0");
        assertEquals(1, run.exitCode());
        assertEquals("error: divide by zero\n", run.err());
    }

    @Test
    void convertWritesTheOtherFormToAFileThatChecksClean() throws IOException {
        Path out = dir.resolve("health.runbook");
        Path source = repo().resolve("runbooks/permit-school/morning-health-check.rb.yaml");
        assertEquals(0, CliRun.of("convert", source.toString(), "--to", "dsl", "-o", out.toString()).exitCode());
        assertTrue(Files.readString(out).startsWith("runbook permit-school.morning-health-check \"Morning health check\" {"));
        CliRun check = CliRun.of("check", out.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertEquals("checked 1 file: 0 errors, 0 warnings\n", check.out());
    }

    @Test
    void convertRefusesAnInvalidRunbookWithExitTwo() throws IOException {
        Path bad = dir.resolve("bad.rb.yaml");
        Files.writeString(bad, "runbook: x\ntitle: t\nsteps:\n  - id: a\n    lg: hi\n");
        CliRun run = CliRun.of("convert", bad.toString(), "--to", "dsl");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown step kind 'lg' (did you mean 'log'?)"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void checkOfTheRepositoryRunbooksPasses() {
        CliRun run = CliRun.of("check", repo().resolve("runbooks").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("checked \\d+ files: 0 errors, 0 warnings\n"), run.out());
    }

    @Test
    void checkOfAMissingPathExitsTwo() {
        CliRun run = CliRun.of("check", dir.resolve("nope.rb.yaml").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no such file or folder"));
    }

    @Test
    void usageErrorsExitTwoWithASuggestion() {
        CliRun run = CliRun.of("chek", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Did you mean: runbook check"), run.err());
        CliRun missingTo = CliRun.of("convert", "x.rb.yaml");
        assertEquals(2, missingTo.exitCode());
        assertTrue(missingTo.err().contains("Missing required option: '--to=yaml|dsl'"), missingTo.err());
    }

    @Test
    void helpVersionAndCompletionScript() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("check") && help.out().contains("convert") && help.out().contains("Exit codes:"));
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("runbook "));
        CliRun completion = CliRun.of("generate-completion");
        assertEquals(0, completion.exitCode());
        assertTrue(completion.out().contains("complete -F"), "a bash completion script");
    }

    @Test
    void listShowsEveryRunbookWithOwnerScheduleAndStepCount() {
        CliRun run = CliRun.of("list", repo().resolve("runbooks").toString());
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].matches("ID\\s+TITLE\\s+OWNER\\s+SCHEDULE\\s+STEPS\\s+FILE"), lines[0]);
        assertTrue(run.out().contains("permit-school.morning-health-check"), run.out());
        assertTrue(run.out().matches("(?s).*Morning health check\\s+Operations\\s+0 9 \\* \\* \\*\\s+7\\s+.*"), run.out());
    }

    @Test
    void docWritesMarkdownWithEveryStepsExactActionAndItsChecks() {
        CliRun run = CliRun.of("doc", repo().resolve("runbooks/permit-school/morning-health-check.rb.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        String doc = run.out();
        assertTrue(doc.startsWith("# Morning health check\n"), doc);
        assertTrue(doc.contains("### 1. Application health (`app_health`)\n\nSeverity **P0**. Only reads.\n"), doc);
        assertTrue(doc.contains("Send `GET ${params.base_url}/api/health`."), doc);
        assertTrue(doc.contains("- `body.status == \"healthy\"`"), doc);
        assertTrue(doc.contains("- **failed_events**: How many events failed in the last 24 hours?"), doc);
        assertTrue(doc.contains("- `answers.success_rate > params.min_payment_success`"), doc);
    }

    @Test
    void docShowsEachActionAsItRunsWithTheRunbooksDefaultsAndItsRollback() {
        CliRun run = CliRun.of("doc", repo().resolve("runbooks/permit-school/production-deployment.rb.yaml").toString());
        assertEquals(0, run.exitCode(), run.err());
        String doc = run.out();
        assertTrue(doc.contains("Run in `${params.project_dir}`:\n\n```sh\nnpm --prefix web run lint\n```"),
                "the working directory comes from defaults.shell.dir:\n" + doc);
        assertTrue(doc.contains("Check that the operator confirms."), doc);
        assertTrue(doc.contains("**Approval needed**: Staging is healthy. Promote this deployment to production?"), doc);
        assertTrue(doc.contains("If the run fails later, undo this step:"), doc);
    }
}
