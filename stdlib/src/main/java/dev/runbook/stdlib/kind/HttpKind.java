package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

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
                    new ResultField("text", "string", "the body as text"),
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
}
