package dev.runbook.engine;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A URL's password is a secret the moment it is seen — in a param, the environment, a database URL, an http URL —
 * and appears in no output: terminal, JSON, JUnit, audit log, audit show, doc, dry-run, errors. The connections are
 * real (the local PostgreSQL, which takes the URL's credentials).
 */
class UrlPasswordTest {
    @TempDir
    Path dir;

    private static final String RUNBOOK = """
            runbook: t.url-passwords
            title: URL passwords
            params:
              db_url: { default: "postgres://postgres:Default-Pw-7@127.0.0.1:5432/test" }
              api: { default: "http://nobody:Api-Default-Pw-8@127.0.0.1:1/health" }
            databases:
              main: ${params.db_url}
              from_env: ${env.RB_TEST_DATABASE_URL}
            steps:
              - id: query
                sql: { db: main, query: "SELECT 1 AS one" }
              - id: query_env
                sql: { db: from_env, query: "SELECT 1 AS one" }
              - id: probe
                http: GET ${params.api}
                on_failure: continue
              - id: echo
                shell: echo "url is ${params.db_url} and ${params.api}"; echo ${env.RB_TEST_DATABASE_URL} >&2; exit 3
                on_failure: continue
              - id: broken
                sql: { db: main, query: "SELECT no_such_column FROM pg_class" }
                on_failure: continue
            """;

    /** Each URL form, with the password it carries (and its decoded form when percent-encoded). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "postgres://postgres:Pw-Canary-1@127.0.0.1:5432/test|Pw-Canary-1",
            "postgresql://postgres:Pw-Canary-2@127.0.0.1/test?sslmode=disable|Pw-Canary-2",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=Pw-Canary-3|Pw-Canary-3",
            "postgres://postgres:p%40ss%2FCanary-4@127.0.0.1:5432/test|p%40ss%2FCanary-4|p@ss/Canary-4"})
    void aPasswordInEveryUrlFormAppearsInNoOutput(String form) throws Exception {
        String[] parts = form.split("\\|");
        String url = parts[0];
        List<String> passwords = new ArrayList<>(List.of(parts).subList(1, parts.length));
        passwords.add("Default-Pw-7");
        passwords.add("Api-Default-Pw-8");
        passwords.add("Env-Pw-9");
        Path file = dir.resolve("urls.rb.yaml");
        Files.writeString(file, RUNBOOK);
        Path log = dir.resolve("audit.jsonl");
        Path junit = dir.resolve("junit.xml");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("RB_TEST_DATABASE_URL", "postgres://postgres:Env-Pw-9@127.0.0.1:5432/test");
        String api = "http://ops:Api-Pw-10@127.0.0.1:1/health";
        passwords.add("Api-Pw-10");

        List<String> outputs = new ArrayList<>();
        CliRun text = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString(),
                "-p", "db_url=" + url, "-p", "api=" + api, "--report-junit", junit.toString());
        // on_failure: continue goes on and fails the run at the end (language.md §3).
        assertEquals(1, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("✓ query "), text.out());
        assertTrue(text.out().contains("✓ query_env "), text.out());
        assertTrue(text.out().contains("url is "), "the failing echo shows its output: " + text.out());
        outputs.add(text.out() + text.err());
        outputs.add(Files.readString(junit, StandardCharsets.UTF_8));
        CliRun json = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString(),
                "-p", "db_url=" + url, "-p", "api=" + api, "--format", "json");
        outputs.add(json.out() + json.err());
        CliRun plan = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString(),
                "-p", "db_url=" + url, "-p", "api=" + api, "--dry-run");
        assertEquals(0, plan.exitCode(), plan.out() + plan.err());
        outputs.add(plan.out() + plan.err());
        CliRun badParam = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString(),
                "-p", "db_url=" + url, "-p", "nope=" + url);
        assertEquals(2, badParam.exitCode(), badParam.out() + badParam.err());
        outputs.add(badParam.out() + badParam.err());
        outputs.add(Files.readString(log, StandardCharsets.UTF_8));
        CliRun show = CliRun.of("audit", "show", log.toString());
        outputs.add(show.out() + show.err());
        Files.writeString(file, RUNBOOK.replace("Default-Pw-7", parts[parts.length - 1].replace("@", "%40")));
        CliRun doc = CliRun.of("doc", file.toString());
        assertEquals(0, doc.exitCode(), doc.err());
        outputs.add(doc.out() + doc.err());

        List<String> leaks = new ArrayList<>();
        for (String output : outputs) {
            for (String password : passwords) {
                if (output.contains(password)) {
                    int at = output.indexOf(password);
                    leaks.add(password + " in: …" + output.substring(Math.max(0, at - 80), Math.min(output.length(), at + 40)));
                }
            }
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
        assertTrue(text.out().contains("***"), text.out());
    }

    @ParameterizedTest(name = "resume with {0}")
    @ValueSource(strings = {"postgres://postgres:Pw-Resume-1@127.0.0.1:5432/test"})
    void aResumedRunAsksAgainForAParamTheLogKeptMasked(String url) throws Exception {
        Path file = dir.resolve("resume.rb.yaml");
        Files.writeString(file, """
                runbook: t.url-resume
                title: Resume with a URL password
                params:
                  db_url: {}
                databases:
                  main: ${params.db_url}
                steps:
                  - id: query
                    sql: { db: main, query: "SELECT 1 AS one" }
                  - id: gate
                    shell: test -f @DIR@/go
                """.replace("@DIR@", dir.toString()));
        Path log = dir.resolve("audit.jsonl");
        CliRun first = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "-p", "db_url=" + url);
        assertEquals(1, first.exitCode(), first.out());
        String runId = first.out().replaceAll("(?s).* · run ([0-9A-Z]{26}).*", "$1");
        Files.writeString(dir.resolve("go"), "");
        CliRun resumed = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId);
        assertEquals(2, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.err().contains("give it again with -p db_url=VALUE"), resumed.err());
        CliRun again = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", runId, "-p",
                "db_url=" + url);
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(!Files.readString(log).contains("Pw-Resume-1"));
    }
}
