package dev.runbook.stdlib;

import java.util.Map;

/**
 * What an action gave: its result fields (plain Java values, as language.md names them) and a short summary for
 * the operator's line ("GET http://… → 200", "3 rows", "exit 0").
 */
public record ActionResult(Map<String, Object> fields, String summary, Failure failure) {

    public ActionResult(Map<String, Object> fields, String summary) {
        this(fields, summary, null);
    }

    /**
     * A result that fails its step whatever the expectations say: an approval denied, a called runbook that failed.
     *
     * @param denied   whether it is a denial (exit 3) rather than a failure (exit 1)
     * @param reason   one line saying why
     * @param severity the severity of what failed when the kind knows it better than the step (a called runbook's
     *                 failing step: P0, P1, P2 or P3), else null
     */
    public record Failure(boolean denied, String reason, String severity) {
    }
}
