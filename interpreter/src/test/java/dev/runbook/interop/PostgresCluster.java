package dev.runbook.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the test's own: initdb as the postgres user into a fresh folder, scram-sha-256
 * for every TCP connection, a free loopback port. It can be restarted between two steps of a run without
 * disturbing the machine's own cluster (and so the rest of the suite).
 */
final class PostgresCluster implements AutoCloseable {
    final int port;
    final Path dir;
    private final Path bin;

    /** The superuser postgres with the given password, and a role ops (password ops-pw) owning a database ops. */
    PostgresCluster(String superuserPassword) throws Exception {
        bin = binaries();
        port = RealServers.freePort();
        dir = Files.createTempDirectory("rb-pg-");
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("pw");
        Files.writeString(passwordFile, superuserPassword + "\n");
        RealServers.run("chown", "-R", "postgres:postgres", dir.toString());
        postgres(bin.resolve("initdb") + " -D " + data + " -U postgres --auth=scram-sha-256 --pwfile=" + passwordFile
                + " -E UTF8 --no-sync");
        Files.writeString(data.resolve("pg_hba.conf"), "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n");
        start();
        RealServers.run("env", "PGPASSWORD=" + superuserPassword, "psql", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
                "CREATE ROLE ops LOGIN PASSWORD 'ops-pw'", "-c", "CREATE DATABASE ops OWNER ops");
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString())))
                    .orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql")).resolve("bin");
        }
    }

    private static void postgres(String command) throws Exception {
        RealServers.run("su", "postgres", "-s", "/bin/sh", "-c", command);
    }

    private String pgCtl(String action) {
        return bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -l " + dir.resolve("log") + " -w -m fast -o '-p "
                + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off' " + action;
    }

    void start() throws Exception {
        postgres(pgCtl("start"));
    }

    /** The shell command a runbook's step runs to restart this cluster (as an operator's failover would). */
    String restartCommand() {
        return "su postgres -s /bin/sh -c \"" + pgCtl("restart").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws Exception {
        try {
            postgres(bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m immediate stop");
        } finally {
            RealServers.run("rm", "-rf", dir.toString());
        }
    }
}
