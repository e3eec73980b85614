package dev.runbook.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A schema of its own in the local PostgreSQL, made for one test class and dropped after it. */
final class TestDatabase implements AutoCloseable {
    static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    final String schema = "rb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    TestDatabase(String... setup) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            for (String sql : setup) {
                s.execute(sql);
            }
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(BASE + "?user=postgres");
    }

    /** The URL a runbook declares: postgres:// form, with the schema as the search path. */
    String url() {
        return "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + schema;
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            var rs = s.executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
