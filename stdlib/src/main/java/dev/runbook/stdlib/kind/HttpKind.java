package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.UrlPasswords;
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
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** Held apart so that loading the kind (check, doc, list) does not start OkHttp; its first request does. */
    private static final class Bodies {
        static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
        static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    }
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
        return method + " " + Target.of(action).shown();
    }

    /**
     * The step's URL with its query added: as shown (as written when there is no query) and parsed, null when it is
     * not an http(s) URL.
     */
    private record Target(String shown, HttpUrl parsed) {
        static Target of(ResolvedAction action) {
            String url = action.string("url", "");
            HttpUrl parsed = HttpUrl.parse(url);
            if (parsed == null || action.map("query").isEmpty()) {
                return new Target(url, parsed);
            }
            HttpUrl.Builder builder = parsed.newBuilder();
            action.map("query").forEach((k, v) -> builder.addQueryParameter(k, String.valueOf(v)));
            HttpUrl withQuery = builder.build();
            return new Target(withQuery.toString(), withQuery);
        }
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        String method = action.string("method", "GET");
        Target target = Target.of(action);
        String url = target.shown();
        HttpUrl parsed = target.parsed();
        if (parsed == null) {
            throw new ActionException("not an http(s) URL: " + url);
        }
        Request.Builder request = new Request.Builder();
        Map<String, Object> headers = action.map("headers");
        headers.forEach((name, value) -> request.header(name, String.valueOf(value)));
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("User-Agent"))) {
            request.header("User-Agent", HttpClients.USER_AGENT);
        }
        if (!parsed.encodedUsername().isEmpty() || !parsed.encodedPassword().isEmpty()) {
            if (!parsed.encodedUsername().isEmpty()
                    && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Authorization"))) {
                // http://user:password@host/ is basic authentication, as curl sends it; the URL itself goes without.
                request.header("Authorization", Credentials.basic(UrlPasswords.decode(parsed.encodedUsername()),
                        UrlPasswords.decode(parsed.encodedPassword()), StandardCharsets.UTF_8));
            }
            parsed = parsed.newBuilder().username("").password("").build();
        }
        request.url(parsed);
        RequestBody body = null;
        if (action.has("json")) {
            body = RequestBody.create(Json.write(action.settings().get("json")), Bodies.JSON);
        } else if (action.has("form")) {
            FormBody.Builder form = new FormBody.Builder();
            action.map("form").forEach((k, v) -> form.add(k, String.valueOf(v)));
            body = form.build();
        } else if (action.has("body")) {
            body = RequestBody.create(action.string("body"), Bodies.TEXT);
        }
        if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        request.method(method, body);
        HttpClients clients;
        try {
            clients = context.shared(HttpClients.class, () -> new HttpClients(context.environment()));
        } catch (IllegalArgumentException e) {
            throw new ActionException(e.getMessage());
        }
        boolean follow = !Boolean.FALSE.equals(action.settings().get("follow_redirects"));
        long start = System.nanoTime();
        Request next = request.tag(TrackerSlot.class, new TrackerSlot()).build();
        for (int redirects = 0; ; redirects++) {
            Map<String, Object> fields = exchange(clients, next, context, start);
            long status = (Long) fields.get("status");
            String location = ((Map<?, ?>) fields.get("headers")).get("location") instanceof String l ? l : null;
            if (!follow || location == null || !REDIRECTS.contains(status)) {
                String shown = method + " " + url;
                return new ActionResult(fields, shown + " → " + status
                        + (Boolean.TRUE.equals(fields.get("truncated")) ? " (body cut at " + MAX_BODY / (1024 * 1024) + " MiB)" : ""));
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ActionException("more than " + MAX_REDIRECTS + " redirects: " + method + " " + url);
            }
            next = redirect(next, status, location);
            if (next == null) {
                throw new ActionException("a redirect to something that is not an http(s) URL: " + location);
            }
        }
    }

    private static final Set<Long> REDIRECTS = Set.of(301L, 302L, 303L, 307L, 308L);
    private static final int MAX_REDIRECTS = 20;

    /**
     * The request a redirect asks for, as curl -L makes it: 307 and 308 repeat the method and body, 301, 302 and 303
     * turn a POST into a GET without a body (303 any method but HEAD); and to another origin (scheme, host or port)
     * the Authorization, Cookie and Proxy-Authorization headers are not sent.
     */
    static Request redirect(Request previous, long status, String location) {
        HttpUrl target = previous.url().resolve(location);
        if (target == null) {
            return null;
        }
        Request.Builder builder = previous.newBuilder().url(target);
        boolean sameOrigin = target.scheme().equals(previous.url().scheme()) && target.host().equals(previous.url().host())
                && target.port() == previous.url().port();
        if (!sameOrigin) {
            builder.removeHeader("Authorization").removeHeader("Cookie").removeHeader("Proxy-Authorization");
        }
        String method = previous.method();
        if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
            builder.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length")
                    .removeHeader("Transfer-Encoding");
        }
        return builder.build();
    }

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    /** Whether repeating the request cannot do more than doing it once (RFC 9110 §9.2.2). */
    private static boolean idempotent(String method) {
        return IDEMPOTENT.contains(method);
    }

    /**
     * One request and its response. A pooled connection that the server had closed (an HTTP/1.0 server, an idle
     * keep-alive that timed out) fails the first try: the request is then sent once more on a fresh connection,
     * but only when it cannot have reached the server (nothing was written) or repeating it is harmless (an
     * idempotent method). A POST that was written is never sent twice.
     */
    private static Map<String, Object> exchange(HttpClients clients, Request request, ActionContext context, long start)
            throws ActionException {
        Duration timeout = context.timeout();
        for (int attempt = 1; ; attempt++) {
            ExchangeTracker tracker = new ExchangeTracker();
            OkHttpClient client;
            try {
                // A pooled connection may have been closed by the server a moment ago, and a request written to it
                // cannot be told apart from one the server received. A POST goes on a connection of its own, as it
                // does with curl in a script: it is then sent once, and a failure is a real one.
                client = clients.client(request.url().isHttps(), timeout, idempotent(request.method()), TRACKERS);
            } catch (IllegalArgumentException e) {
                throw new ActionException(e.getMessage());
            }
            HttpUrl url = request.url();
            request.tag(TrackerSlot.class).current = tracker;
            try {
                return send(client.newCall(request), start, context);
            } catch (ConnectException e) {
                throw new ActionException("connection refused: " + describeTarget(clients, url));
            } catch (InterruptedIOException e) {
                throw new ActionException("timed out after " + timeout.toMillis() + " ms: " + request.method() + " " + url);
            } catch (UnknownHostException e) {
                throw new ActionException("unknown host: " + url.host());
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                throw new ActionException("TLS: " + url.host() + "'s certificate is not for that name: " + e.getMessage());
            } catch (javax.net.ssl.SSLHandshakeException e) {
                if (e.getMessage() != null && (e.getMessage().contains("PKIX") || e.getMessage().contains("certificate"))) {
                    throw new ActionException(clients.trust() == null ? "TLS failed for " + url.host() + ": " + e.getMessage()
                            : clients.trust().refusal(url.host()));
                }
                throw new ActionException("TLS failed for " + url.host() + ": " + e.getMessage());
            } catch (javax.net.ssl.SSLException e) {
                throw new ActionException("TLS failed for " + url.host() + ": " + e.getMessage());
            } catch (IOException e) {
                boolean unsent = !tracker.requestSent;
                boolean staleAndHarmless = tracker.reused && !tracker.responseStarted && idempotent(request.method());
                if (attempt == 1 && (unsent || staleAndHarmless)) {
                    // The pooled connections to this server may all be as dead as this one: start afresh.
                    clients.evictIdleConnections();
                    continue;
                }
                if (tracker.requestSent && !tracker.responseStarted) {
                    throw new ActionException("the connection to " + url.host() + ":" + url.port() + " closed before any"
                            + " answer (" + e.getMessage() + ")" + (idempotent(request.method()) ? ""
                            : "; the " + request.method() + " may have reached the server, so it was not sent again"
                            + " (add retry: to the step if repeating it is safe)"));
                }
                throw new ActionException(request.method() + " " + url + " failed: " + e.getMessage());
            }
        }
    }

    private static String describeTarget(HttpClients clients, HttpUrl url) {
        HttpUrl proxy = clients.proxies().proxyFor(url.scheme(), url.host());
        return proxy == null ? url.host() + ":" + url.port()
                : "the proxy " + proxy.host() + ":" + proxy.port() + " (from the environment's " + url.scheme()
                + "_proxy; no_proxy lists hosts to reach directly)";
    }

    /**
     * Runs the call on this thread, its body read bounded. A socket read does not answer Thread.interrupt, so SIGINT
     * or SIGTERM cancels the call through the run (onInterrupt) at once, instead of after its whole timeout. (It ran
     * on OkHttp's thread while this one waited, and the hand-over both ways cost more than curl's whole request.)
     */
    private static Map<String, Object> send(Call call, long start, ActionContext context)
            throws IOException, ActionException {
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        try (ActionContext.Registration ignored = context.onInterrupt(() -> {
            stopped.set(true);
            call.cancel();
        }); Response response = call.execute()) {
            return fields(response, start);
        } catch (IOException e) {
            if (stopped.get()) {
                throw new ActionException("interrupted: " + call.request().method() + " " + call.request().url()
                        + " cancelled");
            }
            throw e;
        }
    }


    /** Each call's listener: the tracker its request's slot holds when the call is made. */
    private static final okhttp3.EventListener.Factory TRACKERS = call -> {
        TrackerSlot slot = call.request().tag(TrackerSlot.class);
        return slot == null || slot.current == null ? okhttp3.EventListener.NONE : slot.current;
    };

    /** Carried by a step's request (and the requests its redirects make): the tracker of the call made now. */
    private static final class TrackerSlot {
        volatile ExchangeTracker current;
    }

    /** What one call did on the wire: whether its connection came from the pool, the request went out, an answer began. */
    private static final class ExchangeTracker extends okhttp3.EventListener {
        volatile boolean connecting;
        volatile boolean reused;
        volatile boolean requestSent;
        volatile boolean responseStarted;

        @Override
        public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
            connecting = true;
        }

        @Override
        public void connectionAcquired(Call call, okhttp3.Connection connection) {
            reused = !connecting;
        }

        @Override
        public void requestHeadersEnd(Call call, Request request) {
            requestSent = true;
        }

        @Override
        public void responseHeadersStart(Call call) {
            responseStarted = true;
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
            // Decoded with the charset the Content-Type names (text/plain; charset=iso-8859-1), else UTF-8.
            MediaType type = response.body().contentType();
            java.nio.charset.Charset charset = StandardCharsets.UTF_8;
            try {
                charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
            } catch (RuntimeException unknownCharset) {
                // an unknown or unsupported charset name: UTF-8, as a browser would fall back
            }
            text = source.getBuffer().readString(keep, charset == null ? StandardCharsets.UTF_8 : charset);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // By name, lower-cased and in order; a header received more than once is one value joined with ", ".
        Map<String, Object> byName = new java.util.TreeMap<>();
        okhttp3.Headers received = response.headers();
        for (int i = 0; i < received.size(); i++) {
            byName.merge(received.name(i).toLowerCase(Locale.ROOT), received.value(i), (a, b) -> a + ", " + b);
        }
        Map<String, Object> headers = new LinkedHashMap<>(byName);
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

    @Override
    public String defaultExpectation() {
        return "status < 400";
    }

    @Override
    public String writeLabel(Map<String, String> literals) {
        return literals.containsKey("method") ? "http " + literals.get("method") : "http";
    }

    @Override
    public String doc(Map<String, Object> written) {
        String method = written.containsKey("method") ? Texts.inline(written.get("method")) : "GET";
        StringBuilder out = new StringBuilder("Send `").append(method).append(' ').append(Texts.inline(written.get("url")))
                .append("`");
        if (written.get("query") instanceof Map<?, ?>) {
            out.append(" with query ").append(Texts.pairs(written.get("query")));
        }
        out.append(".");
        if (written.get("headers") instanceof Map<?, ?>) {
            out.append("\n\nHeaders: ").append(Texts.pairs(written.get("headers"))).append(".");
        }
        if (written.containsKey("json")) {
            out.append("\n\nJSON body: `").append(Texts.inline(written.get("json"))).append("`");
        }
        if (written.get("form") instanceof Map<?, ?>) {
            out.append("\n\nForm body: ").append(Texts.pairs(written.get("form"))).append(".");
        }
        if (written.containsKey("body")) {
            out.append("\n\nBody:\n\n```\n").append(Texts.inline(written.get("body"))).append("\n```");
        }
        return out.toString();
    }

    /** OkHttp and the JSON reader initialised while the run is still being checked (see {@link HttpWarmup}). */
    @Override
    public void prepare() {
        HttpWarmup.run(Bodies.JSON);
    }
}
