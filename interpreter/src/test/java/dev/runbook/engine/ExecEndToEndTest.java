package dev.runbook.engine;

import dev.runbook.check.Checker;
import dev.runbook.cli.CliRun;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Operator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `runbook exec` end to end against a real HTTP server on loopback, the real PostgreSQL and real processes: one
 * runbook using every kind and control key passes; each kind of failure ends with its status, a one-line reason,
 * the right exit code, and the rollbacks of the passed steps run in reverse order.
 */
class ExecEndToEndTest {
    static LoopbackServer server;
    static TestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer();
        database = new TestDatabase("CREATE TABLE jobs (id text PRIMARY KEY, owner text NOT NULL, created_at timestamptz DEFAULT now())");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        database.close();
    }

    @BeforeEach
    void clearLog() {
        server.log.clear();
        server.failHealthTimes = 0;
        server.healthCalls.set(0);
    }

    /** Records what the operator would see. */
    static final class Recording implements RunListener {
        final List<StepResult> finished = new ArrayList<>();
        final List<String> rollbacks = new ArrayList<>();

        @Override
        public synchronized void stepFinished(StepResult result) {
            finished.add(result);
        }

        @Override
        public synchronized void rollbackFinished(dev.runbook.model.Step step, StepResult result) {
            rollbacks.add(step.id() + ":" + result.status().label());
        }
    }

    /** The person at the prompt, scripted: approves or denies, answers the questions. */
    record ScriptedOperator(boolean approve, Map<String, Object> answers) implements Operator {
        @Override
        public String identity() {
            return "ops";
        }

        @Override
        public Answers manual(String stepId, String text, List<Question> questions) {
            return new Answers(answers, true, "ops", "prompt");
        }

        @Override
        public Decision approve(String stepId, String prompt, List<String> approvers, List<String> writes) {
            return new Decision(approve, "ops", approve ? "looks right" : "not during the sale", "prompt");
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace("@URL@", server.url()).replace("@DB@", database.url()));
        return file;
    }

    private RunResult run(Path file, Operator operator, Map<String, String> params, Recording recording) throws Exception {
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        RunbookLoader.Loaded loaded = loader.load(file, file.toString());
        Checker checker = new Checker(loader);
        checker.check(loaded);
        assertTrue(loaded.ok(), () -> "the test runbook is invalid: " + loaded.diagnostics().all());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("E2E_TOKEN", "canary-token-42");
        RunOptions options = RunOptions.exec("ops", params, env);
        return new Engine(loader.kinds(), loader, operator, recording, AuditTrail.NONE, step -> checker.effectOf(step, file))
                .run(loaded.runbook(), file, options);
    }

    private static final String EVERYTHING = """
            runbook: e2e.everything
            title: Every kind and every control key
            params:
              user_id: { type: string, default: u-1 }
              mode: { enum: [fine, broken], default: fine }
              limit: { type: int, default: 3 }
            environments:
              ci: { user_id: u-ci }
            secrets:
              token: E2E_TOKEN
            databases:
              main: @DB@
            defaults:
              timeout: 5s
              http:
                headers: { Authorization: "Bearer ${secrets.token}" }
            steps:
              - id: approve_all
                approve: { prompt: "Run the end-to-end runbook for ${params.user_id}?", approvers: [ops] }
              - id: health
                http: GET @URL@/api/health
                expect: [status == 200, body.status == "healthy", 'body.auth == "Bearer " + secrets.token']
                retry: { attempts: 4, interval: 10ms, backoff: 1.5, until: status == 200 }
                capture: { version: body.version }
                severity: P0
              - id: create_job
                http:
                  method: POST
                  url: @URL@/api/jobs
                  json: { owner: "${params.user_id}", limit: 3 }
                expect: [status == 201, body.received.owner == params.user_id]
                capture: { job_id: body.id }
                rollback:
                  http: { method: DELETE, url: "@URL@/api/jobs/${vars.job_id}" }
              - id: insert
                sql:
                  db: main
                  query: INSERT INTO jobs (id, owner) VALUES (:id, :owner)
                  params: { id: vars.job_id, owner: params.user_id }
                expect: updated == 1
                rollback:
                  sql: { db: main, query: "DELETE FROM jobs WHERE id = :id", params: { id: vars.job_id } }
              - id: count
                sql:
                  db: main
                  query: SELECT count(*) AS n, max(created_at) AS at FROM jobs WHERE owner = :owner
                  params: { owner: params.user_id }
                expect:
                  - rows[0].n == 1
                  - row_count == 1
                  - columns == ["n", "at"]
                capture:
                  n: rows[0].n
              - id: dashboard
                manual: Open the dashboard and count the errors.
                ask:
                  errors: { type: int, prompt: "How many errors?" }
                expect: answers.errors == 0
              - id: pause
                wait: 10ms
              - id: until_counted
                wait: { until: vars.n == 1, every: 10ms, timeout: 1s }
              - id: each
                for_each: "['a', 'b', 'c']"
                as: letter
                parallel: 2
                http: GET @URL@/echo?x=${letter}
                expect: body.x == letter
              - id: never
                when: params.mode == "broken"
                log: not shown
              - id: hello
                shell:
                  command: echo hello ${params.user_id}; echo "$GREETING" >&2
                  env: { GREETING: "from ${params.user_id}" }
                  dir: /tmp
                expect: [exit_code == 0, stdout.trim() == "hello " + params.user_id, stderr.contains("from")]
                timeout: 5s
                capture: { said: stdout.trim() }
              - id: allowed_to_fail
                shell: exit 7
                on_failure: ignore
              - id: child
                call: ./child.rb.yaml
                with: { who: "${params.user_id}" }
                expect: [status == "passed", vars.greeting == "hi u-1"]
              - id: note
                log: "job ${vars.job_id}, ${vars.n} row, ${vars.said}, version ${vars.version}"
                effects: read
            finally:
              - id: goodbye
                log: done with ${steps.health.status}
            """;

    private static final String CHILD = """
            runbook: e2e.child
            title: Called
            params:
              who: { type: string, required: true }
            steps:
              - id: greet
                log: hi ${params.who}
                capture: { greeting: '"hi " + params.who' }
            """;

    @Test
    void aRunbookUsingEveryKindAndControlKeyRunsEndToEnd() throws Exception {
        write("child.rb.yaml", CHILD);
        Path file = write("everything.rb.yaml", EVERYTHING);
        server.failHealthTimes = 2;
        Recording recording = new Recording();
        RunResult result = run(file, new ScriptedOperator(true, Map.of("errors", 0L)), Map.of(), recording);
        String shown = recording.finished.stream().map(r -> r.status().label() + " " + r.id() + " " + r.summary()
                + (r.reason() == null ? "" : " | " + r.reason())).reduce("", (a, b) -> a + "\n" + b);
        assertEquals("passed", result.status(), shown);
        assertEquals(0, result.exitCode(), shown);
        Map<String, StepStatus> statuses = new LinkedHashMap<>();
        result.steps().forEach(s -> statuses.put(s.id(), s.status()));
        assertEquals(StepStatus.SKIPPED, statuses.get("never"));
        assertEquals(StepStatus.FAILED, statuses.get("allowed_to_fail"));
        assertEquals(3, result.steps().stream().filter(s -> s.id().equals("health")).findFirst().orElseThrow().attempts(),
                "two 503s, then 200: three attempts");
        assertTrue(server.log.containsAll(List.of("GET /echo?x=a", "GET /echo?x=b", "GET /echo?x=c")), server.log.toString());
        assertEquals(1, database.count("SELECT count(*) FROM jobs WHERE owner = 'u-1'"));
        assertFalse(result.vars().containsKey("greeting"), "the child's captures come back as steps.child.vars, not as vars");
        assertTrue(recording.finished.stream().anyMatch(r -> r.id().equals("goodbye") && r.summary().equals("done with passed")));
        assertTrue(recording.finished.stream().anyMatch(r -> r.id().equals("note")
                && r.summary().startsWith("job job-") && r.summary().endsWith(", 1 row, hello u-1, version 1.2.3")));
        assertTrue(recording.rollbacks.isEmpty(), "nothing is rolled back when the run passes");
        assertTrue(recording.finished.stream().noneMatch(r -> (r.summary() + r.reason()).contains("canary-token-42")),
                "the secret is never shown");
    }

    private static final String FAILURE = """
            runbook: e2e.failure
            title: One failure after two steps with rollbacks
            databases:
              main: @DB@
            steps:
              - id: first
                http: { method: POST, url: "@URL@/api/jobs" }
                expect: status == 201
                rollback:
                  http: { method: DELETE, url: "@URL@/api/jobs/first" }
              - id: second
                http: { method: POST, url: "@URL@/api/jobs" }
                expect: status == 201
                rollback:
                  http: { method: DELETE, url: "@URL@/api/jobs/second" }
              - id: broken
            @STEP@
              - id: after
                log: never reached
            """;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private StepResult failing(String step, Operator operator, StepStatus status, String reason, int exitCode)
            throws Exception {
        String indented = step.stripIndent().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
        Path file = write("failure.rb.yaml", FAILURE.replace("@STEP@\n", indented));
        Recording recording = new Recording();
        RunResult result = run(file, operator, Map.of(), recording);
        StepResult broken = result.steps().stream().filter(s -> s.id().equals("broken")).findFirst().orElseThrow();
        assertEquals(status, broken.status(), () -> "reason: " + broken.reason());
        assertNotNull(broken.reason());
        assertTrue(broken.reason().contains(reason), () -> "reason was: " + broken.reason());
        assertFalse(broken.reason().contains("\n"), "the reason is one line");
        assertEquals(exitCode, result.exitCode());
        assertEquals(StepStatus.NOT_RUN, result.steps().get(3).status(), "nothing runs after an aborting failure");
        assertEquals(List.of("second:passed", "first:passed"), recording.rollbacks, "rollbacks in reverse order");
        assertEquals(List.of("DELETE /api/jobs/second", "DELETE /api/jobs/first"), server.deletions());
        return broken;
    }

    private static final Operator NO_TERMINAL = new FlagOperator("ops", Set.of(), Map.of(), Set.of());

    @Test
    void aRefusedConnectionErrors() throws Exception {
        failing("http: GET http://127.0.0.1:" + freePort() + "/api/health", NO_TERMINAL,
                StepStatus.ERRORED, "connection refused: 127.0.0.1:", 1);
    }

    @Test
    void responseHeadersAreOneLowerCasedEntryPerNameInOrderAndTheUserAgentIsOurs() throws Exception {
        Path file = write("headers.rb.yaml", """
                runbook: e2e.headers
                title: Headers as the step sees them
                steps:
                  - id: plain
                    http: GET @URL@/headers
                    expect:
                      - headers["x-twice"] == "a, b"
                      - headers["x-agent"].startsWith("runbook/")
                  - id: named
                    http: { url: "@URL@/headers", headers: { User-Agent: "mine/1" } }
                    expect: headers["x-agent"] == "mine/1"
                """);
        RunResult result = run(file, NO_TERMINAL, Map.of(), new Recording());
        assertEquals(0, result.exitCode(), () -> result.steps().toString());
        Object headers = result.steps().get(0).fields().get("headers");
        List<String> names = new java.util.ArrayList<>(((Map<?, ?>) headers).keySet().stream().map(String::valueOf).toList());
        List<String> sorted = new java.util.ArrayList<>(names);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, names, "by name, in order");
        assertTrue(names.contains("x-twice") && names.contains("content-type"), names::toString);
    }

    @Test
    void aTimeoutErrors() throws Exception {
        failing("http: GET @URL@/slow\ntimeout: 200ms".replace("@URL@", server.url()), NO_TERMINAL,
                StepStatus.ERRORED, "timed out after 200 ms", 1);
    }

    @Test
    void anHttp500FailsTheDefaultExpectation() throws Exception {
        StepResult broken = failing("http: GET " + server.url() + "/error", NO_TERMINAL, StepStatus.FAILED,
                "expect status < 400", 1);
        assertEquals(List.of("expect status < 400", "  status = 500", "body: {\"error\":\"internal\"}"), broken.explanation(),
                "the expectation, its values, and what the server said");
    }

    @Test
    void anSqlSyntaxErrorErrors() throws Exception {
        failing("sql: { db: main, query: \"SELEC 1\" }", NO_TERMINAL, StepStatus.ERRORED, "SQL error 42601", 1);
    }

    @Test
    void aTextParamIsTypedByItsContextAsTheLiteralItStandsForWouldBe() throws Exception {
        Path file = write("typed.rb.yaml", """
                runbook: e2e.typed
                title: Typed by context
                params:
                  user_id: { default: "5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01" }
                  day: { default: "2025-01-27" }
                databases:
                  main: @DB@
                steps:
                  - id: uuid_and_date
                    sql:
                      db: main
                      query: SELECT :user_id = '5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01'::uuid AS same, :day < current_date AS past
                      params: { user_id: params.user_id, day: params.day }
                    expect: ["rows[0].same", "rows[0].past"]
                """);
        RunResult result = run(file, NO_TERMINAL, Map.of(), new Recording());
        assertEquals(0, result.exitCode(), () -> result.steps().get(0).reason());
    }

    @Test
    void aMissingTableErrors() throws Exception {
        failing("sql: { db: main, query: \"SELECT * FROM no_such_table\" }", NO_TERMINAL, StepStatus.ERRORED,
                "relation \"no_such_table\" does not exist", 1);
    }

    @Test
    void aNonZeroExitFails() throws Exception {
        StepResult broken = failing("shell: exit 3", NO_TERMINAL, StepStatus.FAILED, "expect exit_code == 0", 1);
        assertEquals(List.of("expect exit_code == 0", "  exit_code = 3"), broken.explanation());
        server.log.clear();
        StepResult said = failing("shell: seq 1 9; echo 'relation jobs is missing' >&2; exit 4", NO_TERMINAL, StepStatus.FAILED,
                "expect exit_code == 0", 1);
        assertEquals(List.of("expect exit_code == 0", "  exit_code = 4", "stdout (last 4 of 9 lines):", "  6", "  7", "  8", "  9",
                "stderr:", "  relation jobs is missing"), said.explanation(), "the last lines the command printed on each stream");
    }

    @Test
    void aHangingCommandIsKilledWithItsWholeProcessTree() throws Exception {
        failing("shell: sleep 31.25 & sleep 31.25; wait\ntimeout: 300ms", NO_TERMINAL, StepStatus.ERRORED,
                "timed out after 300 ms, process tree killed", 1);
        Thread.sleep(200);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 31.25")),
                "no process of the tree is left");
    }

    @Test
    void aFalseExpectationShowsTheValuesOfItsParts() throws Exception {
        StepResult broken = failing("http: GET " + server.url() + "/api/health\nexpect: body.status == \"degraded\"",
                NO_TERMINAL, StepStatus.FAILED, "expect body.status == \"degraded\"", 1);
        assertEquals(List.of("expect body.status == \"degraded\"", "  body.status = \"healthy\"",
                "body: {\"status\":\"healthy\",\"environment\":\"test\",\"version\":\"1.2.3\",\"auth\":null}"), broken.explanation());
    }

    @Test
    void anExpressionErrorErrors() throws Exception {
        failing("http: GET " + server.url() + "/api/health\nexpect: body.missing == 1", NO_TERMINAL,
                StepStatus.ERRORED, "no such key: missing", 1);
    }

    @Test
    void aDeniedApprovalStopsTheRunWithExitThree() throws Exception {
        failing("approve: Go on?", new ScriptedOperator(false, Map.of()), StepStatus.DENIED,
                "denied by ops: not during the sale", 3);
    }

    @Test
    void aMissingAnswerWithoutATerminalNamesTheFlag() throws Exception {
        StepResult broken = failing("manual: Check the dashboard.", NO_TERMINAL, StepStatus.ERRORED, "--confirm broken", 3);
        assertEquals("--confirm broken", broken.neededFlag());
    }

    @Test
    void anApproverOutsideTheListIsADenialWithExitThree() throws Exception {
        // cli-and-audit.md: an approval by an identity not among approvers is a denial (exit 3), not a step error.
        failing("approve: { prompt: \"Go?\", approvers: [cto] }", new ScriptedOperator(true, Map.of()), StepStatus.DENIED,
                "'ops' may not approve this; allowed: cto", 3);
    }

    @Test
    void theCommandLineReportsAFailureAsJsonAndJunitWithExitOne() throws Exception {
        Path file = write("cli.rb.yaml", """
                runbook: e2e.cli
                title: CLI
                steps:
                  - id: ok
                    http: GET @URL@/api/health
                  - id: bad
                    http: GET @URL@/error
                """);
        Path junit = dir.resolve("report.xml");
        CliRun run = CliRun.of("exec", file.toString(), "--format", "json", "--report-junit", junit.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertFalse(run.hasStackTrace());
        assertTrue(run.out().startsWith("{\"run\":\""), run.out());
        assertTrue(run.out().contains("\"status\":\"failed\",\"exit_code\":1"), run.out());
        assertTrue(run.out().contains("{\"id\":\"bad\",\"status\":\"failed\""), run.out());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testsuite name=\"e2e.cli\" tests=\"2\" failures=\"1\" errors=\"0\""), xml);
        assertTrue(xml.contains("<failure message=\"expect status &lt; 400\">"), xml);
    }

    @Test
    void theCommandLineStopsWithExitThreeNamingTheFlagAndTwoOnBadParams() throws Exception {
        Path file = write("gate.rb.yaml", """
                runbook: e2e.gate
                title: Gate
                params:
                  env: { enum: [staging, production], default: staging }
                steps:
                  - id: gate
                    approve: Deploy?
                  - id: deploy
                    shell: echo deploying
                """);
        CliRun noAnswer = CliRun.of("exec", file.toString());
        assertEquals(3, noAnswer.exitCode());
        assertTrue(noAnswer.out().contains("needs an answer: give --approve gate"), noAnswer.out());
        CliRun approved = CliRun.of("exec", file.toString(), "--approve", "gate", "--as", "ana");
        assertEquals(0, approved.exitCode(), approved.out() + approved.err());
        assertTrue(approved.out().contains("✓ gate  approved by ana (flag)"), approved.out());
        CliRun badParam = CliRun.of("exec", file.toString(), "--param", "env=prod");
        assertEquals(2, badParam.exitCode());
        assertEquals("runbook: not started: param 'env' must be one of staging, production, not prod\n", badParam.err());
        CliRun unknownParam = CliRun.of("exec", file.toString(), "--param", "evn=staging");
        assertEquals(2, unknownParam.exitCode());
        assertTrue(unknownParam.err().contains("this runbook has no param 'evn' (did you mean 'env'?)"), unknownParam.err());
    }
}
