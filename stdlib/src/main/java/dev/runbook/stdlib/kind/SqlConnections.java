package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.UrlPasswords;
import dev.runbook.stdlib.ActionException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One connection per database per run, opened on first use and closed when the run ends. A URL is completed as
 * psql completes it: what it leaves out comes from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
 * PGSSLROOTCERT and the password file (PGPASSFILE, else ~/.pgpass), read from the run's environment. A connection
 * found broken (a server restart, an idle timeout, a failover) is dropped and replaced, never reused dead.
 */
public final class SqlConnections implements AutoCloseable {
    private final Map<String, Connection> open = new HashMap<>();

    /** The run's connection to the database, opening it with the URL the first time (or after it broke). */
    public synchronized Connection get(String name, String url, Map<String, String> environment) throws ActionException {
        Connection connection = open.get(name);
        if (connection != null) {
            try {
                if (!connection.isClosed()) {
                    return connection;
                }
            } catch (SQLException closed) {
                // replaced below
            }
            open.remove(name);
        }
        Properties properties = new Properties();
        String jdbc = jdbcUrl(url, properties, environment);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "runbook");
        try {
            connection = DriverManager.getConnection(jdbc, properties);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new ActionException("cannot connect to database '" + name + "': " + firstLine(e.getMessage()));
        }
        open.put(name, connection);
        return connection;
    }

    /** Forgets a connection found broken, closing what is left of it; the next get opens a new one. */
    public synchronized void discard(String name) {
        Connection connection = open.remove(name);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // it was broken: that is why it goes
            }
        }
    }

    /** True when an error says the connection itself is gone (SQLSTATE class 08, or the driver closed it). */
    static boolean broken(SQLException e, Connection connection) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException closed) {
            return true;
        }
    }

    /**
     * postgres://user:password@host:port/db?x=y as a JDBC URL, the credentials moved into properties, and what the
     * URL leaves out filled in from the libpq variables and the password file, as psql does.
     */
    static String jdbcUrl(String url, Properties properties, Map<String, String> environment) throws ActionException {
        if (url.startsWith("jdbc:postgresql:")) {
            // Its own parameters win over these defaults (the driver reads the URL after the properties).
            String user = env(environment, "PGUSER", osUser(environment));
            properties.setProperty("user", user);
            if (environment.get("PGPASSWORD") != null) {
                properties.setProperty("password", environment.get("PGPASSWORD"));
            }
            ssl(properties, environment, Map.of());
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new ActionException("not a PostgreSQL URL (postgres://… or jdbc:postgresql://…)");
        }
        try {
            // postgres:// alone (everything from the environment) is a URL to libpq; java.net.URI wants a path.
            URI uri = new URI(url.endsWith("://") ? url + "/" : url);
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = UrlPasswords.decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (colon >= 0) {
                    password = UrlPasswords.decode(userInfo.substring(colon + 1));
                }
            }
            String host = uri.getHost() != null && !uri.getHost().isEmpty() ? uri.getHost() : env(environment, "PGHOST", "127.0.0.1");
            if (host.startsWith("/")) {
                host = "127.0.0.1";  // a socket folder: the JDBC driver speaks TCP, to the same server on loopback
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : Integer.parseInt(env(environment, "PGPORT", "5432"));
            if (user == null || user.isEmpty()) {
                user = env(environment, "PGUSER", osUser(environment));
            }
            String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
            String database = path.isEmpty() ? env(environment, "PGDATABASE", user) : UrlPasswords.decode(path);
            if (password == null) {
                password = environment.get("PGPASSWORD");
            }
            if (password == null) {
                password = passwordFile(environment, host, port, database, user);
            }
            Map<String, String> query = new HashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        query.put(UrlPasswords.decode(pair.substring(0, equals)), UrlPasswords.decode(pair.substring(equals + 1)));
                    }
                }
            }
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            ssl(properties, environment, query);
            String rest = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                    + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20") + rest;
        } catch (URISyntaxException | NumberFormatException e) {
            throw new ActionException("not a valid database URL");
        }
    }

    private static void ssl(Properties properties, Map<String, String> environment, Map<String, String> query) {
        if (!query.containsKey("sslmode") && environment.get("PGSSLMODE") != null) {
            properties.setProperty("sslmode", environment.get("PGSSLMODE"));
        }
        if (!query.containsKey("sslrootcert") && environment.get("PGSSLROOTCERT") != null) {
            properties.setProperty("sslrootcert", environment.get("PGSSLROOTCERT"));
        }
    }

    private static String env(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String osUser(Map<String, String> environment) {
        String user = environment.get("USER");
        return user != null && !user.isEmpty() ? user : System.getProperty("user.name");
    }

    /**
     * The password of the first line of the password file that matches (hostname:port:database:username:password,
     * * matching anything, \\ and \\: escaped), as libpq reads it; null when there is no file or no line matches.
     */
    static String passwordFile(Map<String, String> environment, String host, int port, String database, String user) {
        String file = environment.get("PGPASSFILE");
        if (file == null || file.isEmpty()) {
            String home = environment.get("HOME") != null ? environment.get("HOME") : System.getProperty("user.home");
            file = Path.of(home, ".pgpass").toString();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException none) {
            return null;
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = new java.util.ArrayList<>();
            StringBuilder field = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    field.append(line.charAt(++i));
                } else if (c == ':' && fields.size() < 4) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (fields.size() != 5) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                String f = fields.get(i);
                matches = f.equals("*") || f.equals(wanted[i])
                        || i == 0 && f.equals("localhost") && (wanted[0].equals("127.0.0.1") || wanted[0].equals("::1"));
            }
            if (matches) {
                return fields.get(4);
            }
        }
        return null;
    }


    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    @Override
    public synchronized void close() {
        for (Connection connection : open.values()) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException ignored) {
                // The run is over; a connection that will not close cleanly is dropped with the process.
            }
        }
        open.clear();
    }
}
