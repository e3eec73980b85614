package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.model.Runbook;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Everything one run shares: the names expressions see, resources, the audit trail, how it was started. */
final class RunState implements AutoCloseable {
    final String runId;
    final Runbook runbook;
    final Path file;
    final Map<String, String> processEnvironment;
    final Map<String, Object> env;
    final Map<String, Object> secrets;
    final Map<String, Object> params;
    final Map<String, Object> vars = new ConcurrentHashMap<>();
    final Map<String, Object> steps = new ConcurrentHashMap<>();
    final Templates templates;
    final Redactor redactor;
    final RunOptions.Mode mode;
    final RunResources resources = new RunResources();
    final Engine engine;
    final RunControl control;
    private final AuditTrail trail;

    RunState(Engine engine, RunControl control, AuditTrail trail, String runId, Runbook runbook, Path file,
             Map<String, String> processEnvironment, Map<String, Object> env, Map<String, Object> secrets,
             Map<String, Object> params, Templates templates, Redactor redactor, RunOptions.Mode mode) {
        this.engine = engine;
        this.control = control;
        this.trail = trail;
        this.runId = runId;
        this.runbook = runbook;
        this.file = file;
        this.processEnvironment = processEnvironment;
        this.env = env;
        this.secrets = secrets;
        this.params = params;
        this.templates = templates;
        this.redactor = redactor;
        this.mode = mode;
    }

    /** Records an event of this run, its detail redacted; an event that cannot be written stops the run. */
    void audit(String event, String step, String status, Map<String, Object> detail) {
        synchronized (control.auditLock) {
            if (control.sealed) {
                return;
            }
            // An interrupt left on this thread would close the log's channel mid-write: the flag says it instead.
            boolean wasInterrupted = Thread.interrupted();
            trail.record(runId, event, step, status, redacted(detail));
            if ((event.equals("run.finished") || event.equals("run.interrupted")) && control.topLevel == this) {
                control.closed = true;
            }
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A value with every secret masked: texts, and the texts inside maps and lists. */
    Object redacted(Object value) {
        if (value instanceof String text) {
            return redactor.redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), redacted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::redacted).toList();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return redactor.redact(dev.runbook.expr.Values.toText(value));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> redacted(Map<String, Object> detail) {
        return detail == null ? Map.of() : (Map<String, Object>) redacted((Object) detail);
    }

    /** The names every expression of a step sees, plus the given extra ones (item, result fields). */
    Activation scope(Map<String, Object> extra) {
        Map<String, Object> roots = Map.of("params", params, "secrets", secrets, "env", env, "vars", vars, "steps", steps);
        return name -> {
            Object value = extra.get(name);
            return value != null ? value : roots.get(name);
        };
    }

    @Override
    public void close() {
        resources.close();
    }
}
