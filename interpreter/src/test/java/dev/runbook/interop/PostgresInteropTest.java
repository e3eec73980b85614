package dev.runbook.interop;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sql steps against a real PostgreSQL that wants a password (scram-sha-256), connected to as psql connects: the libpq
 * variables and the password file complete the URL; a restart between two steps does not break the run. The
 * cluster is the test's own (initdb on a free port), so restarting it disturbs nothing else.
 */
class PostgresInteropTest {
    static PostgresCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = new PostgresCluster("super-Pw-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String name : List.of("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGSSLMODE",
                "PGSSLROOTCERT", "DATABASE_URL")) {
            environment.remove(name);
        }
        environment.put("HOME", "/nonexistent-home");  // no ~/.pgpass of the machine's
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private CliRun exec(Map<String, String> environment, String runbook) throws Exception {
        Path file = dir.resolve("pg.rb.yaml");
        Path restart = dir.resolve("restart.sh");
        Files.writeString(restart, cluster.restartCommand() + "\n");
        Files.writeString(file, runbook.replace("@PORT@", Integer.toString(cluster.port))
                .replace("@RESTART@", "sh " + restart));
        return CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", dir.resolve("audit.jsonl").toString());
    }

    private static final String WHO_AM_I = """
            runbook: t.pg-env
            title: Who am I
            databases:
              main: @URL@
            steps:
              - id: who
                sql: { db: main, query: "SELECT current_user AS u, current_database() AS d" }
                expect:
                  - rows[0].u == "ops"
                  - rows[0].d == "ops"
            """;

    @Test
    void theLibpqVariablesFillInWhatTheUrlLeavesOut() throws Exception {
        CliRun run = exec(environment("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(cluster.port), "PGUSER", "ops",
                "PGPASSWORD", "ops-pw", "PGDATABASE", "ops"), WHO_AM_I.replace("@URL@", "postgres://"));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        CliRun partial = exec(environment("PGUSER", "ops", "PGPASSWORD", "ops-pw"),
                WHO_AM_I.replace("@URL@", "postgres://127.0.0.1:@PORT@/ops"));
        assertEquals(0, partial.exitCode(), partial.out() + partial.err());
        CliRun noPassword = exec(environment("PGUSER", "ops"), WHO_AM_I.replace("@URL@", "postgres://127.0.0.1:@PORT@/ops"));
        assertEquals(1, noPassword.exitCode(), noPassword.out());
        assertTrue(noPassword.out().contains("cannot connect to database 'main'"), noPassword.out());
        CliRun wrong = exec(environment("PGUSER", "ops", "PGPASSWORD", "wrong-Pw-2"),
                WHO_AM_I.replace("@URL@", "postgres://127.0.0.1:@PORT@/ops"));
        assertEquals(1, wrong.exitCode(), wrong.out());
        assertFalse(wrong.out().contains("wrong-Pw-2"), wrong.out());
    }

    @Test
    void thePasswordFileGivesThePasswordAsItDoesToPsql() throws Exception {
        Path passFile = dir.resolve("pgpass");
        Files.writeString(passFile, "# host:port:database:user:password\nother:*:*:*:nope\n127.0.0.1:" + cluster.port
                + ":ops:ops:ops-pw\n");
        CliRun run = exec(environment("PGPASSFILE", passFile.toString()),
                WHO_AM_I.replace("@URL@", "postgres://ops@127.0.0.1:@PORT@/ops"));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve(".pgpass"), "*:*:*:ops:ops-pw\n");
        CliRun fromHome = exec(environment("HOME", home.toString()), WHO_AM_I.replace("@URL@", "postgres://ops@127.0.0.1:@PORT@/ops"));
        assertEquals(0, fromHome.exitCode(), fromHome.out() + fromHome.err());
    }

    @Test
    void aServerRestartBetweenTwoStepsDoesNotBreakTheRun() throws Exception {
        CliRun run = exec(environment("PGPASSWORD", "ops-pw"), """
                runbook: t.pg-restart
                title: A restart between two steps
                databases:
                  main: postgres://ops@127.0.0.1:@PORT@/ops
                steps:
                  - id: before
                    sql: { db: main, query: "SELECT pg_backend_pid() AS pid" }
                    capture:
                      pid: rows[0].pid
                  - id: restart
                    shell: '@RESTART@'
                  - id: after
                    sql: { db: main, query: "SELECT pg_backend_pid() AS pid" }
                    expect: rows[0].pid != vars.pid
                  - id: again
                    sql: { db: main, query: "SELECT 1 AS one" }
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void everyTypeOfTheSpecArrivesInCelAsItsTypeSays() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.pg-types
                title: SQL types in CEL
                databases:
                  main: postgres://postgres@127.0.0.1:5432/test
                steps:
                  - id: types
                    sql:
                      db: main
                      query: |
                        SELECT '\\x0001ff'::bytea AS b, interval '1 minute 30 seconds' AS i, 12.5::numeric AS n,
                               ARRAY[1, 2]::int[] AS a, ARRAY['x', 'y'] AS t, '{"k": "v", "n": 3}'::jsonb AS j,
                               '0b0e6a7e-5a7f-4f43-9d34-1c2e3f4a5b6c'::uuid AS u, date '2026-12-03' AS d,
                               timestamptz '2026-12-03 09:00:00+00' AS ts, true AS ok, 42::bigint AS big,
                               NULL::text AS nothing, 'text'::varchar AS v, 1.5::double precision AS f
                    expect:
                      - type(rows[0].b) == bytes
                      - rows[0].b == b"\\x00\\x01\\xff" && size(rows[0].b) == 3
                      - rows[0].i == duration("90s")
                      - rows[0].n == 12.5
                      - rows[0].a == [1, 2]
                      - rows[0].t == ["x", "y"]
                      - rows[0].j.k == "v" && rows[0].j.n == 3
                      - rows[0].u == "0b0e6a7e-5a7f-4f43-9d34-1c2e3f4a5b6c"
                      - rows[0].d == timestamp("2026-12-03T00:00:00Z")
                      - rows[0].ts == timestamp("2026-12-03T09:00:00Z")
                      - rows[0].ok && rows[0].big == 42 && rows[0].nothing == null
                      - rows[0].v == "text" && rows[0].f == 1.5
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }
}
