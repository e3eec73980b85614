package dev.runbook.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.stdlib.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP server on 127.0.0.1 (port 0) per host of the platform, answering its routes as documented, or as an
 * active fault says. Every request is recorded, so a test can see what a run asked (or that a dry-run asked
 * nothing).
 */
final class HttpHosts implements AutoCloseable {
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final Map<String, List<String>> requests = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "standin-http");
        thread.setDaemon(true);
        return thread;
    });

    HttpHosts(PlatformSpec spec, List<PlatformSpec.Fault> faults, Map<String, String> environment) throws IOException {
        try {
            for (PlatformSpec.Host host : spec.hosts().values()) {
                Map<String, PlatformSpec.Response> routes = new LinkedHashMap<>(host.routes());
                for (PlatformSpec.Fault fault : faults) {
                    routes.putAll(fault.routes().getOrDefault(host.name(), Map.of()));
                }
                List<String> seen = Collections.synchronizedList(new ArrayList<>());
                requests.put(host.name(), seen);
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
                server.setExecutor(executor);
                server.createContext("/", exchange -> answer(exchange, routes, environment, seen));
                server.start();
                servers.put(host.name(), server);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String url(String host) {
        return "http://127.0.0.1:" + servers.get(host).getAddress().getPort();
    }

    Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        servers.keySet().forEach(host -> urls.put(host, url(host)));
        return urls;
    }

    List<String> requests(String host) {
        synchronized (requests.get(host)) {
            return List.copyOf(requests.get(host));
        }
    }

    private static void answer(HttpExchange exchange, Map<String, PlatformSpec.Response> routes,
                               Map<String, String> environment, List<String> seen) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getRequestBody().readAllBytes();
            seen.add(method + " " + path + (query == null ? "" : "?" + query));
            PlatformSpec.Response response = match(routes, method, path);
            if (response == null) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\",\"path\":" + Json.write(path) + "}", Map.of());
                return;
            }
            for (Map.Entry<String, String> required : response.require().entrySet()) {
                String given = exchange.getRequestHeaders().getFirst(required.getKey());
                if (!substitute(required.getValue(), environment).equals(given)) {
                    send(exchange, 401, "application/json", "{\"error\":\"unauthorized\",\"message\":\"missing or wrong "
                            + required.getKey() + " header\"}", Map.of());
                    return;
                }
            }
            if (!response.delay().isZero()) {
                try {
                    Thread.sleep(response.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach((k, v) -> headers.put(k, substitute(v, environment)));
            if (response.json() != null) {
                send(exchange, response.status(), "application/json",
                        Json.write(substituted(response.json(), environment)), headers);
            } else {
                send(exchange, response.status(), "text/plain; charset=utf-8",
                        response.text() == null ? "" : substitute(response.text(), environment), headers);
            }
        }
    }

    /** The exact route, else the longest "METHOD /prefix*" route; HEAD is answered by the GET route. */
    static PlatformSpec.Response match(Map<String, PlatformSpec.Response> routes, String method, String path) {
        String lookup = method.equals("HEAD") ? "GET" : method;
        PlatformSpec.Response exact = routes.get(lookup + " " + path);
        if (exact != null) {
            return exact;
        }
        PlatformSpec.Response best = null;
        int bestLength = -1;
        for (Map.Entry<String, PlatformSpec.Response> route : routes.entrySet()) {
            String key = route.getKey();
            if (key.endsWith("*") && key.startsWith(lookup + " ")) {
                String prefix = key.substring(lookup.length() + 1, key.length() - 1);
                if (path.startsWith(prefix) && prefix.length() > bestLength) {
                    best = route.getValue();
                    bestLength = prefix.length();
                }
            }
        }
        return best;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
                             Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** {{now}} is the current instant; {{NAME}} a variable of the stand-in's environment. */
    static String substitute(String text, Map<String, String> environment) {
        if (!text.contains("{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{([A-Za-z_][A-Za-z0-9_]*)}}").matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("now") ? Instant.now().toString() : environment.get(name);
            if (value == null) {
                throw new IllegalArgumentException("{{" + name + "}} is not in the stand-in's environment");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A YAML value with its strings substituted and its timestamps written as ISO-8601 text. */
    static Object substituted(Object value, Map<String, String> environment) {
        if (value instanceof String s) {
            return substitute(s, environment);
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substituted(v, environment)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> substituted(v, environment)).toList();
        }
        return value;
    }

    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
        executor.shutdownNow();
    }
}
