package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** One connection per database per run, opened on first use and closed when the run ends. */
public final class SqlConnections implements AutoCloseable {
    private final Map<String, Connection> open = new HashMap<>();

    /** The run's connection to the database, opening it with the URL the first time. */
    public synchronized Connection get(String name, String url) throws ActionException {
        Connection connection = open.get(name);
        if (connection != null) {
            return connection;
        }
        Properties properties = new Properties();
        String jdbc = jdbcUrl(url, properties);
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

    /** postgres://user:password@host:port/db?x=y as a JDBC URL, with the credentials moved into properties. */
    static String jdbcUrl(String url, Properties properties) throws ActionException {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new ActionException("not a PostgreSQL URL (postgres://… or jdbc:postgresql://…)");
        }
        try {
            URI uri = new URI(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                properties.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    properties.setProperty("password", decode(userInfo.substring(colon + 1)));
                }
            }
            String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return "jdbc:postgresql://" + host + ":" + port + path + query;
        } catch (URISyntaxException e) {
            throw new ActionException("not a valid database URL");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
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
