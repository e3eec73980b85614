package dev.runbook.engine;

import dev.runbook.audit.AuditLog;
import dev.runbook.audit.AuditVerifier;
import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dry-run, read-only rehearsal, the audit log and its verification, and secrets kept out of every output. */
class SafetyTest {
    static LoopbackServer server;
    static TestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer();
        database = new TestDatabase("CREATE TABLE profiles (id int PRIMARY KEY, locked boolean NOT NULL)",
                "INSERT INTO profiles VALUES (1, true), (2, true)");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        database.close();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace("@URL@", server.url()).replace("@DB@", database.url())
                .replace("@DIR@", dir.toString()));
        return file;
    }

    private static final String EVERY_KIND = """
            runbook: safety.every-kind
            title: Every kind, for a dry-run
            secrets:
              token: SAFETY_TOKEN
            databases:
              nowhere: postgres://postgres@127.0.0.1:1/none
            steps:
              - id: gate
                approve: { prompt: "Go?", approvers: [cto] }
              - id: probe
                http:
                  url: @URL@/api/health
                  headers: { Authorization: "Bearer ${secrets.token}" }
              - id: query
                sql: { db: nowhere, query: "SELECT count(*) AS n FROM t WHERE id = :id", params: { id: 7 } }
              - id: touch
                shell: touch @DIR@/created-by-runbook
              - id: look
                manual: Look at the dashboard.
              - id: later
                when: steps.probe.status == "passed"
                log: probe passed
            """;

    @Test
    void aDryRunTouchesNothingAndPrintsThePlanWithItsDigest() throws Exception {
        Path file = write("every.rb.yaml", EVERY_KIND);
        int before = server.requests.get();
        CliRun run = CliRun.of("exec", file.toString(), "--dry-run", "--audit-log", dir.resolve("audit.jsonl").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(before, server.requests.get(), "no request reached the server");
        assertFalse(Files.exists(dir.resolve("created-by-runbook")), "no process ran");
        assertTrue(run.out().contains("• gate  [write] approval needed: approval: Go? (by [cto])"), run.out());
        assertTrue(run.out().contains("Authorization: Bearer ***"), run.out());
        assertTrue(run.out().contains("query: SELECT count(*) AS n FROM t WHERE id = :id"), run.out());
        assertTrue(run.out().contains("(conditional: when steps.probe.status == \"passed\")"), run.out());
        assertTrue(run.out().matches("(?s).*plan sha256: [0-9a-f]{64}\n.*"), run.out());
        CliRun again = CliRun.of("exec", file.toString(), "--dry-run", "--audit-log", dir.resolve("audit.jsonl").toString());
        String digest = run.out().replaceAll("(?s).*plan sha256: ([0-9a-f]{64}).*", "$1");
        assertTrue(again.out().contains("plan sha256: " + digest), "the same plan has the same digest");
        assertTrue(AuditVerifier.verify(dir.resolve("audit.jsonl"), null).ok());
    }

    @Test
    void aReadOnlyRehearsalRunsReadsSkipsWritesAndTheDatabaseRefusesAMislabelledUpdate() throws Exception {
        Path file = write("rehearsal.rb.yaml", """
                runbook: safety.rehearsal
                title: Rehearsal
                databases:
                  main: @DB@
                steps:
                  - id: count_locked
                    sql: { db: main, query: "SELECT count(*) AS n FROM profiles WHERE locked" }
                    expect: rows[0].n == 2
                  - id: gate
                    approve: Unlock everyone?
                  - id: unlock
                    sql: { db: main, query: "UPDATE profiles SET locked = false" }
                  - id: touch
                    shell: touch @DIR@/rehearsal-wrote
                  - id: sneaky
                    sql: { db: main, query: "UPDATE profiles SET locked = false WHERE id = 1" }
                    effects: read
                """);
        CliRun run = CliRun.of("exec", file.toString(), "--read-only", "--audit-log", dir.resolve("audit.jsonl").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("✓ count_locked"), run.out());
        assertTrue(run.out().contains("- gate  approval not asked (read-only rehearsal)"), run.out());
        assertTrue(run.out().contains("- unlock  write step not run (read-only rehearsal)"), run.out());
        assertTrue(run.out().contains("- touch  write step not run (read-only rehearsal)"), run.out());
        assertTrue(run.out().contains("refused by the database: this step may only read"), run.out());
        assertEquals(2, database.count("SELECT count(*) FROM profiles WHERE locked"), "nothing was written");
        assertFalse(Files.exists(dir.resolve("rehearsal-wrote")));
    }

    private Path someRun() throws Exception {
        Path file = write("log.rb.yaml", """
                runbook: safety.log
                title: Log
                steps:
                  - id: a
                    log: one
                  - id: b
                    shell: echo two
                  - id: c
                    http: GET @URL@/api/health
                """);
        Path log = dir.resolve("audit.jsonl");
        assertEquals(0, CliRun.of("exec", file.toString(), "--audit-log", log.toString()).exitCode());
        assertEquals(0, CliRun.of("exec", file.toString(), "--audit-log", log.toString()).exitCode());
        return log;
    }

    @Test
    void theLogOfARunVerifiesAndAnyChangedByteDeletedInsertedOrSwappedLineIsFound() throws Exception {
        Path log = someRun();
        CliRun ok = CliRun.of("audit", "verify", log.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        List<String> lines = Files.readAllLines(log);
        assertEquals(16, lines.size(), "run.started, 3 × (step.started, step.finished), run.finished; twice");
        for (int i = 0; i < lines.size(); i++) {
            List<String> changed = new ArrayList<>(lines);
            String line = changed.get(i);
            for (int at : new int[] {line.indexOf("\"time\":\"") + 10, line.indexOf("\"event\":\"") + 9, line.length() / 2}) {
                char c = line.charAt(at);
                changed.set(i, line.substring(0, at) + (char) (c == 'x' ? 'y' : c == '1' ? '2' : 'x') + line.substring(at + 1));
                assertBroken(changed, i + 1);
            }
        }
        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(4);
        assertBroken(deleted, 5);
        List<String> inserted = new ArrayList<>(lines);
        inserted.add(7, lines.get(3));
        assertBroken(inserted, 8);
        List<String> swapped = new ArrayList<>(lines);
        swapped.set(10, lines.get(11));
        swapped.set(11, lines.get(10));
        assertBroken(swapped, 11);
    }

    private void assertBroken(List<String> lines, int firstBad) throws IOException {
        Path copy = dir.resolve("tampered.jsonl");
        Files.write(copy, lines);
        CliRun run = CliRun.of("audit", "verify", copy.toString());
        assertEquals(5, run.exitCode());
        assertTrue(run.err().startsWith(copy + ":" + firstBad + ": broken: "), run.err());
    }

    @Test
    void withAKeyARechainedLogIsStillCaughtByItsHmac() throws Exception {
        Path log = dir.resolve("keyed.jsonl");
        try (AuditLog keyed = AuditLog.open(log, "the-key")) {
            for (int i = 0; i < 5; i++) {
                keyed.append(Map.of("event", "step.finished", "step", "s" + i, "status", "passed"));
            }
        }
        // Rewrite line 3 and re-chain everything after it, as someone without the key would.
        List<String> lines = Files.readAllLines(log);
        Path forged = dir.resolve("forged.jsonl");
        try (AuditLog rewriter = AuditLog.open(forged, null)) {
            for (int i = 0; i < lines.size(); i++) {
                rewriter.append(Map.of("event", "step.finished", "step", "s" + i, "status", i == 2 ? "failed" : "passed"));
            }
        }
        assertTrue(AuditVerifier.verify(log, "the-key").ok());
        assertTrue(AuditVerifier.verify(forged, null).ok(), "without a key a re-chained log looks intact");
        AuditVerifier.Verdict withKey = AuditVerifier.verify(forged, "the-key");
        assertEquals(1, withKey.badLine(), withKey.problem());
        assertEquals("it has no hmac although a key is set", withKey.problem());
    }

    @Test
    void twoRunsAppendingAtOnceLeaveOneValidChain() throws Exception {
        Path log = dir.resolve("shared.jsonl");
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            steps.append("  - id: s").append(i).append("\n    log: line ").append(i).append('\n');
        }
        Path file = write("many.rb.yaml", "runbook: safety.many\ntitle: Many\nsteps:\n" + steps);
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "dev.runbook.cli.Main", "exec", file.toString(), "-q",
                    "--audit-log", log.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try (AuditLog writer = AuditLog.open(log, null)) {
                    for (int i = 0; i < 100; i++) {
                        writer.append(Map.of("event", "test", "thread", (long) id, "i", (long) i));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        AuditVerifier.Verdict verdict = AuditVerifier.verify(log, null);
        assertTrue(verdict.ok(), verdict.problem());
        assertEquals(200 + 2 * (2 + 2 * 25), verdict.lines());
    }

    @Test
    void aRunWhoseLogCannotBeWrittenDoesNothingAndExitsFive() throws Exception {
        Path file = write("blocked.rb.yaml", """
                runbook: safety.blocked
                title: Blocked
                steps:
                  - id: touch
                    shell: touch @DIR@/should-not-exist
                """);
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", notAFolder.resolve("audit.jsonl").toString());
        assertEquals(5, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("cannot write the audit log"), run.err());
        assertFalse(Files.exists(dir.resolve("should-not-exist")));
        assertEquals("", run.out());
    }

    @Test
    void aCanarySecretAppearsInNoOutputReportLogOrMessage() throws Exception {
        String canary = "canary-S3cr3t/+=value";
        Path file = write("canary.rb.yaml", """
                runbook: safety.canary
                title: Canary
                secrets:
                  token: SAFETY_CANARY
                databases:
                  main: @DB@
                steps:
                  - id: echo_server
                    http:
                      url: @URL@/api/health
                      headers: { Authorization: "Bearer ${secrets.token}" }
                    expect: body.auth == "nope"
                    on_failure: continue
                  - id: echo_command
                    shell: echo "$TOKEN and ${secrets.token}"
                    env: { TOKEN: "${secrets.token}" }
                    expect: stdout.contains("nothing")
                    on_failure: continue
                  - id: echo_sql
                    sql: { db: main, query: "SELECT :t AS t", params: { t: secrets.token } }
                    expect: rows[0].t == "nope"
                    on_failure: continue
                  - id: say
                    log: "token ${secrets.token} and ${base64(secrets.token)}"
                    on_failure: continue
                  - id: broken
                    http: GET http://127.0.0.1:1/${secrets.token}
                """.replace("${base64(secrets.token)}", "${secrets.token}"));
        Path log = dir.resolve("canary.jsonl");
        Path junit = dir.resolve("canary.xml");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.runbook.cli.Main", "exec", file.toString(), "--audit-log",
                log.toString(), "--report-junit", junit.toString());
        builder.environment().put("SAFETY_CANARY", canary);
        Process text = builder.start();
        String out = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(text.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, text.exitValue(), out);
        builder.command().add("--format");
        builder.command().add("json");
        Process json = builder.start();
        String jsonOut = new String(json.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(json.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(json.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("body.auth = \"Bearer ***\""), out);
        // Inside the author's double quotes ${...} is escaped for double quotes: the value arrives as it is.
        assertTrue(out.contains("stdout = \"*** and ***\\n\""), out);
        List<String> forms = List.of(canary, Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
                java.net.URLEncoder.encode(canary, StandardCharsets.UTF_8));
        String everything = out + jsonOut + Files.readString(log) + Files.readString(junit);
        for (String form : forms) {
            assertFalse(everything.contains(form), "found " + form + " in:\n" + everything);
        }
    }
}
