package dev.runbook.audit;

import dev.runbook.engine.AuditTrail;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit trail of one exec: every event of the run as a line of the audit log, with who, what and where. */
public final class AuditWriter implements AuditTrail {
    /**
     * The events that report an end and announce nothing: written at once, forced with the next line that announces
     * an action (step.started, rollback.started) or ends the run. Every other line is forced before anything goes on.
     */
    private static final java.util.Set<String> RIDES_WITH_THE_NEXT = java.util.Set.of("step.finished", "rollback.finished");

    private final AuditLog log;
    private final String actor;
    private final String mode;
    private final CanonicalJson.Written runbook;

    /**
     * @param runbook id, file and sha256 of the runbook, recorded on every line
     */
    public AuditWriter(AuditLog log, String actor, String mode, Map<String, Object> runbook) {
        this.log = log;
        this.actor = actor;
        this.mode = mode;
        this.runbook = CanonicalJson.Written.of(runbook);
    }

    /** Writes one event of the given run; an event that cannot be written stops the run (AuditFailure). */
    @Override
    public void record(String run, String event, String step, String status, Map<String, Object> detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("run", run);
        line.put("event", event);
        line.put("actor", actor);
        line.put("mode", mode);
        line.put("runbook", runbook);
        if (step != null) {
            line.put("step", step);
        }
        if (status != null) {
            line.put("status", status);
        }
        if (detail != null && !detail.isEmpty()) {
            line.put("detail", detail);
        }
        try {
            log.append(line, !RIDES_WITH_THE_NEXT.contains(event));
        } catch (IOException | RuntimeException e) {
            throw new AuditFailure("cannot write the audit log " + log.path() + ": " + e.getMessage());
        }
    }
}
