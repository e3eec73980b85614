package dev.runbook.stdlib;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStatementsTest {
    @Test
    void selectsValuesShowAndPlainExplainAreQueries() {
        assertTrue(SqlStatements.isQuery("SELECT count(*) FROM profiles"));
        assertTrue(SqlStatements.isQuery("  -- count\n select 1"));
        assertTrue(SqlStatements.isQuery("VALUES (1)"));
        assertTrue(SqlStatements.isQuery("SHOW server_version"));
        assertTrue(SqlStatements.isQuery("EXPLAIN SELECT 1"));
        assertTrue(SqlStatements.isQuery("WITH x AS (SELECT 1) SELECT * FROM x"));
    }

    @Test
    void dmlDdlAndWritingWrappersAreNotQueries() {
        assertFalse(SqlStatements.isQuery("UPDATE profiles SET x = 1"));
        assertFalse(SqlStatements.isQuery("EXPLAIN ANALYZE DELETE FROM t"));
        assertFalse(SqlStatements.isQuery("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone"));
        assertFalse(SqlStatements.isQuery("SELECT * INTO backup FROM t"));
        assertFalse(SqlStatements.isQuery("CREATE TABLE t (id int)"));
    }

    @Test
    void wordsInsideStringLiteralsDoNotCount() {
        assertTrue(SqlStatements.isQuery("WITH x AS (SELECT 'delete me' AS s) SELECT * FROM x"));
    }

    @Test
    void theStandardKindsAreFoundThroughServiceLoader() {
        assertTrue(ActionKinds.standard().names().containsAll(
                java.util.List.of("http", "sql", "shell", "manual", "approve", "wait", "call", "log")));
    }

    @Test
    void namedParametersBecomePlaceholdersButCastsAndLiteralsStay() {
        SqlStatements.Prepared p = SqlStatements.prepare(
                "SELECT ':no', x::text FROM t WHERE a = :id AND b = :name -- :comment\n AND c = :id");
        org.junit.jupiter.api.Assertions.assertEquals(
                "SELECT ':no', x::text FROM t WHERE a = ? AND b = ? -- :comment\n AND c = ?", p.sql());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("id", "name", "id"), p.parameters());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("id", "name"),
                SqlStatements.parameterNames("SELECT :id, :name, :id"));
    }
}
