package dev.runbook.platforms;

import dev.runbook.cli.CliRun;
import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.model.Step;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.standin.Scenarios;
import dev.runbook.standin.StandIn;
import dev.runbook.syntax.RunbookFiles;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every runbook under runbooks/, end to end, through the command line: it passes `runbook check`; its dry-run
 * exits 0 and touches nothing of its running stand-in (no request, no command, no secrets needed); `exec` against
 * the healthy stand-in exits 0; and each broken case of its scenario — the failure its document guards against —
 * exits 1 at the step that must catch it, with the message an operator needs, and leaves an intact audit log.
 */
class PlatformRunbooksTest {
    static final Path REPO = Path.of(System.getProperty("runbook.repo", "..")).toAbsolutePath().normalize();
    static final Path RUNBOOKS = REPO.resolve("runbooks");

    @TempDir
    static Path logs;

    @TestFactory
    Stream<DynamicNode> everyRunbookChecksDryRunsAndRunsHealthyAndBrokenAgainstItsStandIn() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        // -Drunbooks.only=FOLDER runs one folder's runbooks (while writing them); CI runs them all.
        String only = System.getProperty("runbooks.only", "");
        for (Path file : RunbookFiles.under(RUNBOOKS.resolve(only))) {
            Path platform = file.getParent();
            String name = RUNBOOKS.relativize(file).toString();
            Scenarios.Scenario scenario = Scenarios.of(platform).get(file.getFileName().toString());
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("has a scenario in " + RUNBOOKS.relativize(platform) + "/standin/scenarios.yaml",
                    () -> assertNotNull(scenario, name + " has no scenario: it is not run against a stand-in")));
            tests.add(DynamicTest.dynamicTest("passes runbook check", () -> check(file)));
            tests.add(DynamicTest.dynamicTest("runbook doc gives every step to follow by hand", () -> doc(file)));
            if (scenario != null) {
                tests.add(DynamicTest.dynamicTest("dry-run touches nothing, without secrets", () -> dryRun(file, scenario)));
                tests.add(DynamicTest.dynamicTest("exec against the healthy stand-in passes", () -> healthy(file, scenario)));
                for (Scenarios.Broken broken : scenario.broken()) {
                    tests.add(DynamicTest.dynamicTest("broken: " + broken.name() + " → " + broken.step(),
                            () -> broken(file, scenario, broken)));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return nodes.stream();
    }

    private static void check(Path file) {
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("0 errors, 0 warnings"), "check reports nothing, not even a warning:\n" + run.err() + run.out());
    }

    /** The Markdown has the runbook's title, its owner, and a section for every step with its action and check. */
    private static void doc(Path file) {
        RunbookLoader.Loaded loaded = new RunbookLoader(ActionKinds.standard()).load(file, file.toString());
        Runbook runbook = loaded.runbook();
        CliRun run = CliRun.of("doc", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String doc = run.out();
        assertTrue(doc.startsWith("# " + runbook.title() + "\n"), doc);
        assertTrue(doc.contains(" · owner: " + runbook.owner()), "the owner:\n" + doc);
        boolean fenced = false;
        for (String line : doc.lines().toList()) {
            fenced ^= line.startsWith("```");
            assertFalse(!fenced && line.startsWith("    "),
                    "a text indented with the file is not indented in the Markdown, where it would read as code: " + line);
        }
        List<Step> steps = runbook.allSteps().toList();
        List<String> headings = doc.lines().filter(line -> line.startsWith("### ")).toList();
        assertEquals(steps.size(), headings.size(), "a section per step:\n" + doc);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String heading = "### " + (i + 1) + ". " + (step.title() == null ? step.id() : step.title() + " (`" + step.id() + "`)");
            assertEquals(heading, headings.get(i));
            String section = doc.substring(doc.indexOf(heading), i + 1 < steps.size() ? doc.indexOf(headings.get(i + 1)) : doc.length());
            assertTrue(section.contains("Check that") || section.contains("Note:") || section.contains("**Approval needed**"),
                    "how to tell the step went right:\n" + section);
        }
    }

    @org.junit.jupiter.api.Test
    void listShowsEveryRunbookOnceWithItsOwnerAndTheSchedulesTheDocumentsGive() throws IOException {
        CliRun run = CliRun.of("list", RUNBOOKS.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = run.out().lines().skip(1).toList();
        List<Path> files = RunbookFiles.under(RUNBOOKS);
        assertEquals(files.size(), rows.size(), run.out());
        for (Path file : files) {
            String relative = REPO.relativize(file).toString();
            String row = rows.stream().filter(r -> r.endsWith(" " + relative) || r.endsWith(relative)).findFirst()
                    .orElseThrow(() -> new AssertionError(relative + " is not listed:\n" + run.out()));
            Runbook runbook = new RunbookLoader(ActionKinds.standard()).load(file, file.toString()).runbook();
            assertNotNull(runbook.owner(), relative + " has an owner");
            assertTrue(row.contains(runbook.owner()) && row.startsWith(runbook.id() + " "), row);
            if (runbook.schedule() != null) {
                assertTrue(row.contains(" " + runbook.schedule() + " "), row);
            }
        }
        assertTrue(rows.stream().filter(r -> !r.matches(".*\\s-\\s+\\d+\\s+runbooks/.*")).count() >= 25,
                "the daily, weekly, monthly and quarterly routines show their schedules:\n" + run.out());
    }

    private static void dryRun(Path file, Scenarios.Scenario scenario) throws Exception {
        try (StandIn standIn = StandIn.start(file.getParent(), List.of())) {
            // A reviewer's CI: the stand-in's URLs and tools, none of its secrets.
            Map<String, String> environment = standIn.environmentWithoutSecrets(System.getenv());
            environment.put("RUNBOOK_AUDIT_LOG", logs.resolve("dry-run.jsonl").toString());
            List<String> args = new ArrayList<>(List.of("exec", file.toString(), "--dry-run", "--params-file",
                    standIn.paramsFile().toString()));
            args.addAll(scenario.arguments());
            CliRun run = CliRun.withEnvironment(environment, args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("nothing was run") && run.out().contains("plan sha256: "), run.out());
            assertEquals(List.of(), standIn.allRequests(), "a dry-run sends no request");
            assertEquals(List.of(), standIn.cliCalls(), "a dry-run runs no command");
            assertFalse(run.hasStackTrace(), run.err());
        }
    }

    private static void healthy(Path file, Scenarios.Scenario scenario) throws Exception {
        try (StandIn standIn = StandIn.start(file.getParent(), List.of())) {
            CliRun run = exec(file, standIn, scenario.arguments(), "healthy");
            assertEquals(0, run.exitCode(), "against the healthy stand-in:\n" + run.out() + run.err());
            assertTrue(run.out().contains("passed: "), run.out());
        }
    }

    private static void broken(Path file, Scenarios.Scenario scenario, Scenarios.Broken broken) throws Exception {
        try (StandIn standIn = StandIn.start(file.getParent(), broken.faults())) {
            CliRun run = exec(file, standIn, scenario.arguments(broken), "broken");
            String all = run.out() + run.err();
            assertEquals(broken.exit(), run.exitCode(), broken.name() + ":\n" + all);
            List<String> failedSteps = run.out().lines()
                    .filter(line -> line.startsWith("✗ ") || line.startsWith("! ") || line.startsWith("⊘ "))
                    .map(line -> line.substring(2).split(" ", 2)[0]).toList();
            if (broken.step().equals(Scenarios.NOT_STARTED)) {
                assertEquals(List.of(), failedSteps, "refused before any step ran:\n" + all);
                assertTrue(run.out().isEmpty(), "nothing ran:\n" + all);
            } else {
                List<String> expected = new ArrayList<>(broken.tolerated());
                expected.add(broken.step());
                assertEquals(java.util.Set.copyOf(expected), java.util.Set.copyOf(failedSteps), "the step that catches it:\n" + all);
                assertEquals(broken.step(), failedSteps.get(failedSteps.size() - 1), "the run stops at the step that catches it:\n" + all);
            }
            for (String said : broken.says()) {
                assertTrue(all.contains(said), "the report says «" + said + "»:\n" + all);
            }
            for (String rolledBack : broken.rollbacks()) {
                assertTrue(run.out().contains("✓ rollback of " + rolledBack), "rolled back " + rolledBack + ":\n" + all);
            }
            assertFalse(run.hasStackTrace(), all);
        }
    }

    private static CliRun exec(Path file, StandIn standIn, List<String> options, String kind) throws IOException {
        Path log = Files.createTempFile(logs, kind + "-", ".jsonl");
        Files.delete(log);
        Map<String, String> environment = standIn.environment(System.getenv());
        environment.put("RUNBOOK_AUDIT_LOG", log.toString());
        List<String> args = new ArrayList<>(List.of("exec", file.toString(), "--params-file", standIn.paramsFile().toString()));
        args.addAll(options);
        CliRun run = CliRun.withEnvironment(environment, args.toArray(String[]::new));
        CliRun verify = CliRun.of("audit", "verify", log.toString());
        if (verify.exitCode() != 0) {
            fail("the run's audit log does not verify: " + verify.err());
        }
        return run;
    }
}
