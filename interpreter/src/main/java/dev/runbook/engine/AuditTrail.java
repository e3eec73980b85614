package dev.runbook.engine;

import java.util.Map;

/**
 * Where a run records what it does, before it does it. An implementation that cannot write throws
 * {@link AuditFailure}, and the run stops at once (fail closed).
 */
public interface AuditTrail {

    /**
     * @param run    the run id
     * @param event  run.started, step.started, step.finished, approval.granted, approval.denied, manual.answered,
     *               rollback.started, rollback.finished, run.finished, run.interrupted
     * @param step   the step id, or null for run events
     * @param status the step's or run's status, or null
     * @param detail the rest (the concrete action, the result summary, params...): redacted by the trail
     */
    void record(String run, String event, String step, String status, Map<String, Object> detail);

    AuditTrail NONE = (run, event, step, status, detail) -> {
    };

    /** The audit log could not be written: nothing more may happen. */
    final class AuditFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditFailure(String message) {
            super(message, null, false, false);
        }
    }
}
