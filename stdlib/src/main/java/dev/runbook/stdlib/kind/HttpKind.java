package dev.runbook.stdlib.kind;

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
import dev.runbook.stdlib.ValueType;
import okhttp3.Call;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** An HTTP request. Shorthand: {@code http: GET https://host/path} (the method may be left out: GET). */
public final class HttpKind implements ActionKind {
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("http", List.of(
            KeySpec.oneOf("method", METHODS, "HTTP method (default GET)"),
            KeySpec.required("url", ValueType.TEXT, "the URL"),
            KeySpec.optional("headers", ValueType.TEXT_MAP, "request headers"),
            KeySpec.optional("query", ValueType.TEXT_MAP, "query parameters, URL-encoded"),
            KeySpec.optional("json", ValueType.DATA, "a JSON request body"),
            KeySpec.optional("body", ValueType.TEXT, "a raw request body"),
            KeySpec.optional("form", ValueType.TEXT_MAP, "a form-encoded request body"),
            KeySpec.optional("follow_redirects", ValueType.BOOLEAN, "follow redirects (default true)")),
            "url",
            List.of(new ResultField("status", "int", "HTTP status code"),
                    new ResultField("headers", "map", "response headers, lower-case names"),
                    new ResultField("body", "dyn", "parsed JSON when the response is JSON, else the text"),
                    new ResultField("text", "string", "the body as text (its first 16 MiB)"),
                    new ResultField("truncated", "bool", "the body was longer than 16 MiB: text holds its start"),
                    new ResultField("elapsed", "google.protobuf.Duration", "time to the full response"),
                    new ResultField("url", "string", "the final URL")),
            "status < 400");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        String method = literals.getOrDefault("method", "GET").toUpperCase(Locale.ROOT);
        return READ_METHODS.contains(method) ? Effect.READ : Effect.WRITE;
    }

    @Override
    public Map<String, String> expandShorthand(String scalar) {
        Map<String, String> keys = new LinkedHashMap<>();
        String trimmed = scalar.strip();
        int space = trimmed.indexOf(' ');
        if (space > 0 && METHODS.contains(trimmed.substring(0, space))) {
            keys.put("method", trimmed.substring(0, space));
            keys.put("url", trimmed.substring(space + 1).strip());
        } else {
            keys.put("url", trimmed);
        }
        return keys;
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    /** Bodies larger than this are cut in the result (the text keeps the first 16 MiB). */
    private static final long MAX_BODY = 16L * 1024 * 1024;

    /** The start of the response body: a server usually says there why it answered as it did. */
    @Override
    public List<String> evidence(ActionResult result) {
        return Evidence.start("body", result.fields().get("text"));
    }

    @Override
    public String plan(ResolvedAction action) {
        String method = action.string("method", "GET");
        return method + " " + urlOf(action);
    }

    private static String urlOf(ResolvedAction action) {
        String url = action.string("url", "");
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || action.map("query").isEmpty()) {
            return url;
        }
        HttpUrl.Builder builder = parsed.newBuilder();
        action.map("query").forEach((k, v) -> builder.addQueryParameter(k, String.valueOf(v)));
        return builder.build().toString();
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        String method = action.string("method", "GET");
        String url = urlOf(action);
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new ActionException("not an http(s) URL: " + url);
        }
        Request.Builder request = new Request.Builder().url(parsed);
        action.map("headers").forEach((name, value) -> request.header(name, String.valueOf(value)));
        RequestBody body = null;
        if (action.has("json")) {
            body = RequestBody.create(Json.write(action.settings().get("json")), JSON);
        } else if (action.has("form")) {
            FormBody.Builder form = new FormBody.Builder();
            action.map("form").forEach((k, v) -> form.add(k, String.valueOf(v)));
            body = form.build();
        } else if (action.has("body")) {
            body = RequestBody.create(action.string("body"), TEXT);
        }
        if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        request.method(method, body);
        Duration timeout = context.timeout();
        OkHttpClient client = context.shared(HttpClients.class, HttpClients::new).client().newBuilder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(!Boolean.FALSE.equals(action.settings().get("follow_redirects")))
                .build();
        long start = System.nanoTime();
        Call call = client.newCall(request.build());
        // The call runs on the client's thread and this one waits for it interruptibly: SIGINT or SIGTERM cancels a
        // request in flight at once, instead of after its whole timeout.
        java.util.concurrent.CompletableFuture<Map<String, Object>> done = new java.util.concurrent.CompletableFuture<>();
        call.enqueue(new okhttp3.Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call ok, Response response) {
                try (response) {
                    done.complete(fields(response, start));
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        try {
            Map<String, Object> fields;
            try {
                fields = done.get();
            } catch (InterruptedException e) {
                call.cancel();
                Thread.currentThread().interrupt();
                throw new ActionException("interrupted: " + method + " " + url + " cancelled");
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new ActionException(method + " " + url + " failed: " + e.getCause());
            }
            return new ActionResult(fields, method + " " + url + " → " + fields.get("status")
                    + (Boolean.TRUE.equals(fields.get("truncated")) ? " (body cut at " + MAX_BODY / (1024 * 1024) + " MiB)" : ""));
        } catch (ConnectException e) {
            throw new ActionException("connection refused: " + parsed.host() + ":" + parsed.port());
        } catch (InterruptedIOException e) {
            throw new ActionException("timed out after " + timeout.toMillis() + " ms: " + method + " " + url);
        } catch (UnknownHostException e) {
            throw new ActionException("unknown host: " + parsed.host());
        } catch (javax.net.ssl.SSLException e) {
            throw new ActionException("TLS failed for " + parsed.host() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ActionException(method + " " + url + " failed: " + e.getMessage());
        }
    }

    /** The result fields of a response: at most MAX_BODY of its body is kept, and truncated says when more came. */
    private static Map<String, Object> fields(Response response, long start) throws IOException {
        String text = "";
        boolean truncated = false;
        if (response.body() != null) {
            okio.BufferedSource source = response.body().source();
            truncated = source.request(MAX_BODY + 1);
            long keep = Math.min(source.getBuffer().size(), MAX_BODY);
            text = source.getBuffer().readUtf8(keep);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", response.headers(name)));
        }
        Object parsedBody = text;
        String type = response.header("Content-Type", "");
        if (!truncated && type.toLowerCase(Locale.ROOT).contains("json") && !text.isBlank()) {
            try {
                parsedBody = Json.parse(text);
            } catch (Json.JsonException notJson) {
                parsedBody = text;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", (long) response.code());
        fields.put("headers", headers);
        fields.put("body", parsedBody);
        fields.put("text", text);
        fields.put("truncated", truncated);
        fields.put("elapsed", elapsed);
        fields.put("url", response.request().url().toString());
        return fields;
    }
}
