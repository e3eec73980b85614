package dev.runbook.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own in the local PostgreSQL (127.0.0.1:5432, trust authentication) for one stand-in: created,
 * loaded with the platform's schema and seed, broken by a fault's SQL, and dropped when the stand-in stops.
 */
final class StandInDatabase implements AutoCloseable {
    /** The server the stand-ins use; another can be named with -Dstandin.postgres=host:port. */
    static final String SERVER = System.getProperty("standin.postgres", "127.0.0.1:5432");
    private static final String USER = "postgres";

    private final String name;
    private final java.util.List<Connection> sessions = new java.util.ArrayList<>();
    private final java.util.concurrent.ExecutorService waiting = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "standin-session");
        thread.setDaemon(true);
        return thread;
    });

    StandInDatabase(String platform, Path sql, Iterable<String> faultSql) throws SQLException, IOException {
        this.name = "standin_" + platform.replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try (Connection db = connect(name); Statement s = db.createStatement()) {
            s.execute(Files.readString(sql));
            for (String fault : faultSql) {
                s.execute(fault);
            }
        } catch (SQLException | IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a session that runs the SQL and stays open while the stand-in runs: "BEGIN; LOCK TABLE x" holds a lock;
     * a statement that then waits for it is left waiting (it runs in a thread of its own). Sessions are started in
     * order, each after the previous one's SQL was sent.
     */
    void openSession(String sql) throws SQLException {
        Connection session = connect(name);
        sessions.add(session);
        java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
        waiting.submit(() -> {
            try (Statement s = session.createStatement()) {
                sent.countDown();
                s.execute(sql);
            } catch (SQLException endedByClose) {
                // the stand-in stopped while it waited
            }
            return null;
        });
        try {
            sent.await();
            Thread.sleep(200); // long enough for the server to have taken (or be waiting for) its locks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + database + "?user=" + USER);
    }

    String name() {
        return name;
    }

    /** The URL a runbook connects with (its DATABASE_URL). */
    String url() {
        return "postgres://" + USER + "@" + SERVER + "/" + name;
    }

    @Override
    public void close() throws SQLException {
        // FORCE ends every session first, a waiting one included, so nothing here can hang on a lock.
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            // the local development database that the supabase stand-in's `db reset` builds beside it
            s.execute("DROP DATABASE IF EXISTS " + name + "_local WITH (FORCE)");
        } finally {
            for (Connection session : sessions) {
                try {
                    session.close();
                } catch (SQLException alreadyEnded) {
                    // its backend was ended with the database
                }
            }
            waiting.shutdownNow();
        }
    }
}
