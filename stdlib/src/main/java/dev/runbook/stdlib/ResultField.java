package dev.runbook.stdlib;

/**
 * A field of an action's result, visible bare inside the step's expect/capture/retry.until and as
 * steps.ID.NAME afterwards. {@code celType} is a CEL type name (int, string, map, list, duration, bool) or dyn.
 */
public record ResultField(String name, String celType, String description) {
}
