package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.CheckContext;
import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Evidence;
import dev.runbook.stdlib.Json;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.SqlStatements;
import dev.runbook.stdlib.ValueType;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One SQL statement against a declared database, with :name parameters bound from expressions. */
public final class SqlKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("sql", List.of(
            KeySpec.required("db", ValueType.STRING, "a database declared under databases"),
            KeySpec.required("query", ValueType.STRING, "the statement; :name marks a parameter"),
            KeySpec.optional("params", ValueType.EXPRESSION_MAP, "parameter values, bound through JDBC")),
            null,
            List.of(new ResultField("rows", "list", "rows as maps of column name to value"),
                    new ResultField("row_count", "int", "number of rows returned (exact, even past the rows kept)"),
                    new ResultField("truncated", "bool", "more rows came than are kept (10,000 rows or 64 MiB)"),
                    new ResultField("columns", "list", "column names"),
                    new ResultField("updated", "int", "rows changed by DML"),
                    new ResultField("elapsed", "google.protobuf.Duration", "time the statement took")),
            "the statement succeeds");

    /** Rows fetched from the server at a time. */
    private static final int FETCH_SIZE = 1000;
    /** At most this many rows, and about this many bytes of them, are kept as rows (language.md §3). */
    static final int MAX_ROWS = 10_000;
    static final long MAX_BYTES = 64L * 1024 * 1024;

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        String query = literals.get("query");
        return query != null && SqlStatements.isQuery(query) ? Effect.READ : Effect.WRITE;
    }

    /** The first rows: when a query that should find nothing finds something, these are the culprits. */
    @Override
    public List<String> evidence(ActionResult result) {
        if (!(result.fields().get("rows") instanceof List<?> rows) || rows.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(3, rows.size()); i++) {
            lines.addAll(Evidence.start("row " + (i + 1), Json.write(rows.get(i))));
        }
        if (rows.size() > 3) {
            lines.add("(" + (rows.size() - 3) + " more rows)");
        }
        return lines;
    }

    @Override
    public String plan(ResolvedAction action) {
        String query = action.string("query", "").strip().replaceAll("\\s+", " ");
        return (query.length() > 60 ? query.substring(0, 57) + "..." : query);
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        String db = action.string("db");
        String query = action.string("query", "");
        SqlConnections connections = context.shared(SqlConnections.class, SqlConnections::new);
        String url = context.databaseUrl(db);
        Connection connection = connections.get(db, url, context.environment());
        SqlStatements.Prepared prepared = SqlStatements.prepare(query);
        List<String> names = prepared.parameters();
        String jdbcQuery = prepared.sql();
        long start = System.nanoTime();
        try {
            try {
                setUp(connection, context);
            } catch (SQLException e) {
                if (!SqlConnections.broken(e, connection)) {
                    throw e;
                }
                // The connection died since the last step (a restart, an idle timeout, a failover). The statement
                // was not sent yet, so a new connection can take it.
                connections.discard(db);
                connection = connections.get(db, url, context.environment());
                setUp(connection, context);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(jdbcQuery)) {
                // Streamed through a cursor (the transaction is open), so a huge result is counted, never held whole.
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < names.size(); i++) {
                    bind(connection, statement, i + 1, action.map("params").get(names.get(i)));
                }
                boolean hasRows = statement.execute();
                List<Object> rows = new ArrayList<>();
                List<Object> columns = new ArrayList<>();
                long updated = 0;
                long count = 0;
                long keptBytes = 0;
                boolean truncated = false;
                if (hasRows) {
                    try (ResultSet result = statement.getResultSet()) {
                        ResultSetMetaData meta = result.getMetaData();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            columns.add(meta.getColumnLabel(c));
                        }
                        while (result.next()) {
                            count++;
                            if (truncated) {
                                continue;
                            }
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                row.put(meta.getColumnLabel(c), value(result, c, meta.getColumnTypeName(c)));
                            }
                            keptBytes += Json.write(row).length() * 2L;
                            if (rows.size() >= MAX_ROWS || keptBytes > MAX_BYTES) {
                                truncated = true;
                            } else {
                                rows.add(row);
                            }
                        }
                    }
                } else {
                    updated = Math.max(0, statement.getLargeUpdateCount());
                }
                fields.put("rows", rows);
                fields.put("row_count", hasRows ? count : 0L);
                fields.put("truncated", truncated);
                fields.put("columns", columns);
                fields.put("updated", updated);
                fields.put("elapsed", Duration.ofNanos(System.nanoTime() - start));
                String summary = plan(action) + " → " + (hasRows ? count + (count == 1 ? " row" : " rows")
                        + (truncated ? " (first " + rows.size() + " kept)" : "") : updated + " updated");
                ActionResult result = new ActionResult(fields, summary);
                if (context.accept(result)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            }
        } catch (SQLException e) {
            if (SqlConnections.broken(e, connection)) {
                // Never reused dead: the next step, or this step's retry, connects afresh.
                connections.discard(db);
                throw new ActionException("the connection to database '" + db + "' broke during the step ("
                        + SqlConnections.firstLine(e.getMessage()) + "); the statement may have run, so it was not sent"
                        + " again (add retry: to the step if running it twice is safe)");
            }
            rollbackQuietly(connection);
            String state = e.getSQLState();
            if ("57014".equals(state)) {
                throw new ActionException("timed out after " + context.timeout().toMillis() + " ms (the database cancelled the statement)");
            }
            if ("25006".equals(state)) {
                throw new ActionException("refused by the database: this step may only read (" + SqlConnections.firstLine(e.getMessage()) + ")");
            }
            throw new ActionException("SQL error" + (state == null ? "" : " " + state) + ": " + SqlConnections.firstLine(e.getMessage()));
        } catch (ActionException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    /**
     * One round trip: the transaction's mode, and the step timeout, which the database enforces so that a slow query
     * is cancelled where it runs.
     */
    private static void setUp(Connection connection, ActionContext context) throws SQLException {
        try (Statement setup = connection.createStatement()) {
            setup.execute((context.readOnly() ? "SET TRANSACTION READ ONLY; " : "")
                    + "SET LOCAL statement_timeout = " + Math.max(1, context.timeout().toMillis()));
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The statement already failed; its error is the one to report.
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (value instanceof Instant t) {
            statement.setObject(index, OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
        } else if (value instanceof Duration d) {
            statement.setObject(index, new PGInterval(0, 0, 0, 0, 0, d.toNanos() / 1e9));
        } else if (value instanceof List<?> list) {
            boolean numbers = !list.isEmpty() && list.stream().allMatch(x -> x instanceof Long);
            statement.setArray(index, connection.createArrayOf(numbers ? "bigint" : "text",
                    list.stream().map(x -> numbers ? x : String.valueOf(x)).toArray()));
        } else if (value instanceof Map<?, ?>) {
            PGobject json = new PGobject();
            json.setType("jsonb");
            json.setValue(Json.write(value));
            statement.setObject(index, json);
        } else {
            // Untyped, as the quoted literal it stands for would be: PostgreSQL takes the type from the context, so
            // `user_id = :user_id` works on a uuid column and `due_date < :day` on a date one.
            statement.setObject(index, value.toString(), Types.OTHER);
        }
    }

    /** The column's value as language.md maps SQL types. */
    private static Object value(ResultSet result, int column, String typeName) throws SQLException {
        Object raw = result.getObject(column);
        if (raw == null) {
            return null;
        }
        String type = typeName.toLowerCase(java.util.Locale.ROOT);
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (raw instanceof PGInterval interval) {
            double seconds = ((interval.getYears() * 365.25 + interval.getMonths() * 30.0 + interval.getDays()) * 86400)
                    + interval.getHours() * 3600.0 + interval.getMinutes() * 60.0 + interval.getSeconds();
            return Duration.ofNanos(Math.round(seconds * 1e9));
        }
        if (type.equals("json") || type.equals("jsonb")) {
            return Json.parse(raw.toString());
        }
        if (raw instanceof Array array) {
            List<Object> list = new ArrayList<>();
            try (ResultSet elements = array.getResultSet()) {
                while (elements.next()) {
                    list.add(value(elements, 2, array.getBaseTypeName()));
                }
            }
            return list;
        }
        if (raw instanceof Boolean || raw instanceof String || raw instanceof byte[]) {
            return raw;  // bytea arrives as bytes
        }
        if (raw instanceof java.sql.Date date) {
            return date.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }
        return raw.toString();
    }

    /** The database is one the runbook declares; the query has no template, and its :names are bound. */
    @Override
    public void check(Map<String, Object> written, CheckContext context) {
        if (written.get("db") instanceof String db && !context.databases().contains(db)) {
            context.error(List.of("db"), "unknown database '" + db + "'" + Texts.didYouMean(db, context.databases())
                    + (context.databases().isEmpty() ? ": declare it under databases:" : ""));
        }
        if (!(written.get("query") instanceof String query)) {
            return;
        }
        if (query.contains("${")) {
            context.error(List.of("query"), "templates are not allowed in SQL text (" + context.step()
                    + "): write :name in the query and bind it with params: { name: EXPR }");
        }
        List<String> used = SqlStatements.parameterNames(query);
        java.util.Set<String> bound = new java.util.LinkedHashSet<>();
        if (written.get("params") instanceof Map<?, ?> params) {
            for (Object name : params.keySet()) {
                bound.add(String.valueOf(name));
                if (!used.contains(String.valueOf(name))) {
                    context.warningAtKey(List.of("params", String.valueOf(name)), "param '" + name
                            + "' is bound but the query never uses :" + name);
                }
            }
        }
        for (String name : used) {
            if (!bound.contains(name)) {
                context.error(List.of("query"), "the query uses :" + name + " but params does not bind it"
                        + Texts.didYouMean(name, bound));
            }
        }
    }

    @Override
    public String doc(Map<String, Object> written) {
        StringBuilder out = new StringBuilder("Run on database `").append(Texts.inline(written.get("db")))
                .append("`:\n\n```sql\n").append(Texts.inline(written.get("query")).strip()).append("\n```");
        if (written.get("params") instanceof Map<?, ?> params) {
            List<String> bindings = new ArrayList<>();
            params.forEach((name, value) -> bindings.add("`:" + name + "` = `" + Texts.inline(value) + "`"));
            out.append("\n\nwith ").append(String.join(", ", bindings)).append(".");
        }
        return out.toString();
    }

    /** The PostgreSQL driver's classes, initialised while the run is still being checked (no connection is made). */
    @Override
    public void prepare() {
        ClassLoader loader = SqlKind.class.getClassLoader();
        for (String name : java.util.List.of("org.postgresql.Driver", "org.postgresql.jdbc.PgConnection",
                "org.postgresql.core.v3.ConnectionFactoryImpl", "org.postgresql.core.v3.QueryExecutorImpl",
                "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.jdbc.PgResultSet",
                "org.postgresql.core.PGStream", "org.postgresql.util.PGobject")) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return;  // only a head start: the step itself says what is missing
            }
        }
    }
}
