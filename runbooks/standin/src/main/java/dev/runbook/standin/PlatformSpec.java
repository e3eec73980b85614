package dev.runbook.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a platform's stand-in is, read from {@code runbooks/PLATFORM/standin/standin.yaml}: its HTTP hosts and their
 * routes, the environment it gives a run (the platform's secrets, with stand-in values), further params, its
 * database and project files, and the faults that break it the way the platform's documents guard against.
 */
public record PlatformSpec(String platform, Path folder, Map<String, Host> hosts, Map<String, String> environment,
                           Map<String, Object> params, Path databaseSql, Path project, Map<String, Fault> faults) {

    /** One loopback HTTP server: the params that take its URL, and its routes. */
    public record Host(String name, List<String> params, Map<String, Response> routes) {
    }

    /**
     * What a route answers: a status, a JSON or text body, headers, a delay before answering, and the request
     * headers it requires (values may hold {{NAME}} of the stand-in's environment); a missing or wrong one gets 401.
     */
    public record Response(int status, Object json, String text, Map<String, String> headers, Duration delay,
                           Map<String, String> require) {
    }

    /**
     * A way to break the platform: routes answered differently ("HOST METHOD /path" → response), SQL run after
     * the seed, SQL sessions left open while the stand-in runs (one holding a lock, one waiting for it), files
     * written into or removed from the project checkout, a commit made after the checkout was pushed (so that
     * it is not on the origin), variables of the run's environment changed. Every active
     * fault's name is also given to the stand-in executables (STANDIN_FAULTS), which break the commands they know
     * it for.
     */
    public record Fault(String name, String description, Map<String, Map<String, Response>> routes, String sql,
                        List<String> sessions, Map<String, String> files, List<String> remove, String unpushed,
                        Map<String, String> environment) {
    }

    public static PlatformSpec read(Path platformFolder) throws IOException {
        Path folder = platformFolder.resolve("standin");
        Map<String, Object> top = Yaml.map(Yaml.load(folder.resolve("standin.yaml")), "standin.yaml");
        String platform = platformFolder.getFileName().toString();
        Map<String, Host> hosts = new LinkedHashMap<>();
        Yaml.map(top.getOrDefault("hosts", Map.of()), "hosts").forEach((name, value) -> {
            Map<String, Object> host = Yaml.map(value, "hosts." + name);
            Map<String, Response> routes = new LinkedHashMap<>();
            Yaml.map(host.getOrDefault("routes", Map.of()), "hosts." + name + ".routes")
                    .forEach((route, response) -> routes.put(routeKey(route), response(response, route)));
            hosts.put(name, new Host(name, Yaml.strings(host.getOrDefault("params", List.of())), routes));
        });
        Map<String, String> environment = Yaml.stringMap(top.getOrDefault("environment", Map.of()));
        Map<String, Object> params = Yaml.map(top.getOrDefault("params", Map.of()), "params");
        Path database = top.containsKey("database") ? folder.resolve(String.valueOf(top.get("database"))) : null;
        Path project = top.containsKey("project") ? folder.resolve(String.valueOf(top.get("project"))) : null;
        Map<String, Fault> faults = new LinkedHashMap<>();
        Yaml.map(top.getOrDefault("faults", Map.of()), "faults").forEach((name, value) -> {
            Map<String, Object> fault = Yaml.map(value, "faults." + name);
            Map<String, Map<String, Response>> routes = new LinkedHashMap<>();
            Yaml.map(fault.getOrDefault("routes", Map.of()), "faults." + name + ".routes").forEach((key, response) -> {
                String[] parts = key.trim().split("\\s+", 2);
                if (parts.length != 2 || !hosts.containsKey(parts[0])) {
                    throw new IllegalArgumentException("faults." + name + ".routes: '" + key
                            + "' must start with a host of this stand-in (" + String.join(", ", hosts.keySet()) + ")");
                }
                routes.computeIfAbsent(parts[0], h -> new LinkedHashMap<>()).put(routeKey(parts[1]), response(response, key));
            });
            for (String key : fault.keySet()) {
                if (!List.of("description", "routes", "sql", "sessions", "files", "remove", "unpushed", "environment")
                        .contains(key)) {
                    throw new IllegalArgumentException("faults." + name + ": unknown key '" + key + "'");
                }
            }
            faults.put(name, new Fault(name, String.valueOf(fault.getOrDefault("description", name)), routes,
                    fault.containsKey("sql") ? String.valueOf(fault.get("sql")) : null,
                    Yaml.strings(fault.get("sessions")),
                    Yaml.stringMap(fault.getOrDefault("files", Map.of())),
                    Yaml.strings(fault.getOrDefault("remove", List.of())),
                    fault.containsKey("unpushed") ? String.valueOf(fault.get("unpushed")) : null,
                    Yaml.stringMap(fault.getOrDefault("environment", Map.of()))));
        });
        return new PlatformSpec(platform, folder, hosts, environment, params, database, project, faults);
    }

    /** "GET /api/health" with the method upper-cased and single spaces. */
    static String routeKey(String route) {
        String[] parts = route.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("a route is 'METHOD /path', not '" + route + "'");
        }
        return parts[0].toUpperCase(java.util.Locale.ROOT) + " " + parts[1];
    }

    private static Response response(Object value, String where) {
        Map<String, Object> map = Yaml.map(value, where);
        for (String key : map.keySet()) {
            if (!List.of("status", "json", "text", "headers", "delay", "require").contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
            }
        }
        int status = map.containsKey("status") ? ((Number) map.get("status")).intValue() : 200;
        Duration delay = map.containsKey("delay") ? duration(String.valueOf(map.get("delay"))) : Duration.ZERO;
        return new Response(status, map.get("json"), map.containsKey("text") ? String.valueOf(map.get("text")) : null,
                Yaml.stringMap(map.getOrDefault("headers", Map.of())), delay,
                Yaml.stringMap(map.getOrDefault("require", Map.of())));
    }

    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("a delay is like 250ms, 3s or 1m, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** The faults by name, refusing an unknown one with the list of those there are. */
    public List<Fault> faults(java.util.Collection<String> names) {
        List<Fault> chosen = new ArrayList<>();
        for (String name : names) {
            Fault fault = faults.get(name);
            if (fault == null) {
                throw new IllegalArgumentException("the " + platform + " stand-in has no fault '" + name + "'; it has: "
                        + String.join(", ", faults.keySet()));
            }
            chosen.add(fault);
        }
        return chosen;
    }

    /** SnakeYAML with the safe constructor, and the casts the readers need. */
    static final class Yaml {
        private Yaml() {
        }

        static Object load(Path file) throws IOException {
            org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
            return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options))
                    .load(Files.readString(file));
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object value, String where) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + ": expected a map");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }

        static List<String> strings(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return value == null ? List.of() : List.of(String.valueOf(value));
        }

        static Map<String, String> stringMap(Object value) {
            Map<String, String> out = new LinkedHashMap<>();
            map(value, "map").forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        }
    }
}
