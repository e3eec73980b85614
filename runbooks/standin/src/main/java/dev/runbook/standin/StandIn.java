package dev.runbook.standin;

import dev.runbook.stdlib.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A running stand-in of one platform: its HTTP hosts on loopback, its database, its project checkout and the
 * stand-in executables of its vendor CLIs, healthy or broken by the named faults. A run of the platform's runbooks
 * gets {@link #environment} (PATH, DATABASE_URL, the platform's secrets) and {@link #paramsFile} (every host's URL
 * under the param names the runbooks use, and the checkout as project_dir). Closing it stops and removes it all.
 */
public final class StandIn implements AutoCloseable {
    private final PlatformSpec spec;
    private final List<PlatformSpec.Fault> faults;
    private final Path root;
    private final Path bin;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private HttpHosts hosts;
    private StandInDatabase database;
    private Path checkout;
    private Path paramsFile;

    private StandIn(PlatformSpec spec, List<PlatformSpec.Fault> faults, Path bin) throws IOException {
        this.spec = spec;
        this.faults = faults;
        this.bin = bin;
        this.root = Files.createTempDirectory("standin-" + spec.platform() + "-");
    }

    /**
     * Starts the stand-in of the platform whose runbooks are in {@code platformFolder} (runbooks/PLATFORM), broken
     * by the named faults (none: healthy).
     */
    public static StandIn start(Path platformFolder, Collection<String> faultNames) throws IOException, SQLException {
        PlatformSpec spec = PlatformSpec.read(platformFolder);
        List<PlatformSpec.Fault> faults = spec.faults(faultNames);
        StandIn standIn = new StandIn(spec, faults, platformFolder.toAbsolutePath().getParent().resolve("standin/bin"));
        try {
            standIn.startParts();
        } catch (IOException | SQLException | RuntimeException e) {
            standIn.close();
            throw e;
        }
        return standIn;
    }

    private void startParts() throws IOException, SQLException {
        environment.putAll(spec.environment());
        environment.put("STANDIN_PLATFORM", spec.platform());
        environment.put("STANDIN_FAULTS", String.join(",", faults.stream().map(PlatformSpec.Fault::name).toList()));
        environment.put("STANDIN_CALLS", root.resolve("calls.log").toString());
        environment.put("STANDIN_STATE", Files.createDirectories(root.resolve("state")).toString());
        environment.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        // git in a runbook's commands sees the checkout's settings, not the machine's.
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        hosts = new HttpHosts(spec, faults, environment);
        hosts.urls().forEach((host, url) -> environment.put("STANDIN_URL_" + host.toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_'), url));
        if (spec.databaseSql() != null) {
            List<String> faultSql = faults.stream().map(PlatformSpec.Fault::sql).filter(java.util.Objects::nonNull).toList();
            database = new StandInDatabase(spec.platform(), spec.databaseSql(), faultSql);
            environment.put("DATABASE_URL", database.url());
            for (PlatformSpec.Fault fault : faults) {
                for (String session : fault.sessions()) {
                    database.openSession(session);
                }
            }
        }
        faults.forEach(fault -> environment.putAll(fault.environment()));
        checkout = ProjectCheckout.create(spec.project(), root, faults);
        environment.put("STANDIN_CHECKOUT", checkout.toString());
        environment.put("STANDIN_ORIGIN", root.resolve("origin.git").toString());
        environment.put("STANDIN_WORKSPACE", Files.createDirectories(root.resolve("workspace")).toString());
        // Values that name the stand-in's own parts ({{DATABASE_URL}}, {{STANDIN_CHECKOUT}}) are known only now.
        environment.replaceAll((name, value) -> HttpHosts.substitute(value, environment));
        Map<String, Object> params = new LinkedHashMap<>();
        for (PlatformSpec.Host host : spec.hosts().values()) {
            host.params().forEach(param -> params.put(param, hosts.url(host.name())));
        }
        params.put("project_dir", checkout.toString());
        spec.params().forEach((k, v) -> params.put(k, HttpHosts.substituted(v, environment)));
        // JSON is YAML: the params file is read as either.
        paramsFile = Files.writeString(root.resolve("params.json"), Json.write(params));
    }

    /** The environment a run gets: the given one with the stand-in's PATH, DATABASE_URL and secrets over it. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(environment);
        return merged;
    }

    /**
     * A reviewer's environment: the stand-in's tools on the PATH and its bookkeeping, but none of the platform's
     * secrets (its environment: section) and no DATABASE_URL.
     */
    public Map<String, String> environmentWithoutSecrets(Map<String, String> base) {
        Map<String, String> merged = environment(base);
        spec.environment().keySet().forEach(merged::remove);
        merged.remove("DATABASE_URL");
        return merged;
    }

    /** Only what the stand-in adds (its secrets, PATH, DATABASE_URL, STANDIN_*). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Path paramsFile() {
        return paramsFile;
    }

    public Path checkout() {
        return checkout;
    }

    public String platform() {
        return spec.platform();
    }

    public List<String> faults() {
        return faults.stream().map(PlatformSpec.Fault::name).toList();
    }

    /** Each host and its URL. */
    public Map<String, String> urls() {
        return hosts.urls();
    }

    /** The requests a host received, as "METHOD /path?query", in order. */
    public List<String> requests(String host) {
        return hosts.requests(host);
    }

    /** Every request every host received. */
    public List<String> allRequests() {
        List<String> all = new ArrayList<>();
        spec.hosts().keySet().forEach(host -> hosts.requests(host).forEach(r -> all.add(host + " " + r)));
        return all;
    }

    /** The command lines the stand-in executables were called with, in order. */
    public List<String> cliCalls() throws IOException {
        Path calls = root.resolve("calls.log");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** The database's name, or null when the platform has none. */
    public String databaseName() {
        return database == null ? null : database.name();
    }

    @Override
    public void close() throws SQLException, IOException {
        try {
            if (hosts != null) {
                hosts.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.deleteIfExists(path);
            }
        }
    }
}
