package dev.runbook.stdlib;

import java.util.Map;

/**
 * What an action gave: its result fields (plain Java values, as language.md names them) and a short summary for
 * the operator's line ("GET http://… → 200", "3 rows", "exit 0").
 */
public record ActionResult(Map<String, Object> fields, String summary) {
}
