package dev.runbook.audit;

import dev.runbook.engine.AuditTrail;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit trail of one exec: every event of the run as a line of the audit log, with who, what and where. */
public final class AuditWriter implements AuditTrail {
    private final AuditLog log;
    private final String actor;
    private final String mode;
    private final Map<String, Object> runbook;

    /**
     * @param runbook id, file and sha256 of the runbook, recorded on every line
     */
    public AuditWriter(AuditLog log, String actor, String mode, Map<String, Object> runbook) {
        this.log = log;
        this.actor = actor;
        this.mode = mode;
        this.runbook = Map.copyOf(runbook);
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
            log.append(line);
        } catch (IOException | RuntimeException e) {
            throw new AuditFailure("cannot write the audit log " + log.path() + ": " + e.getMessage());
        }
    }
}
