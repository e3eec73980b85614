package dev.runbook.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (port 0) for the engine's tests: a health endpoint, jobs that can be created
 * and deleted (deletions are recorded in order, to see rollbacks), an echo, a slow endpoint and a 500.
 */
final class LoopbackServer implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicInteger healthCalls = new AtomicInteger();
    volatile int failHealthTimes;

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        log.add(method + " " + path + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        switch (path) {
            case "/api/health" -> {
                if (healthCalls.incrementAndGet() <= failHealthTimes) {
                    send(exchange, 503, "{\"status\":\"starting\"}");
                } else {
                    send(exchange, 200, "{\"status\":\"healthy\",\"environment\":\"test\",\"version\":\"1.2.3\",\"auth\":"
                            + (auth == null ? "null" : "\"" + auth + "\"") + "}");
                }
            }
            case "/api/jobs" -> send(exchange, 201, "{\"id\":\"job-" + requests.get() + "\",\"received\":" + (body.isEmpty() ? "null" : body) + "}");
            case "/echo" -> send(exchange, 200, "{\"x\":\"" + (uri.getQuery() == null ? "" : uri.getQuery().replaceFirst("^x=", "")) + "\"}");
            case "/slow" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{}");
            }
            case "/error" -> send(exchange, 500, "{\"error\":\"internal\"}");
            case "/headers" -> {
                // A header sent twice, in mixed case, and what the client said it was.
                exchange.getResponseHeaders().add("X-Twice", "a");
                exchange.getResponseHeaders().add("x-twice", "b");
                exchange.getResponseHeaders().add("X-Agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
                send(exchange, 200, "{}");
            }
            default -> {
                if (path.startsWith("/api/jobs/") && method.equals("DELETE")) {
                    send(exchange, 204, "");
                } else {
                    send(exchange, 404, "{\"error\":\"not found\"}");
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    List<String> deletions() {
        return log.stream().filter(l -> l.startsWith("DELETE ")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
