package dev.runbook.stdlib;

import java.util.List;

/**
 * One key an action accepts.
 *
 * @param choices for a STRING key, the values allowed (empty: any)
 */
public record KeySpec(String name, ValueType type, boolean required, List<String> choices, String description) {
    public KeySpec {
        choices = List.copyOf(choices);
    }

    public static KeySpec optional(String name, ValueType type, String description) {
        return new KeySpec(name, type, false, List.of(), description);
    }

    public static KeySpec required(String name, ValueType type, String description) {
        return new KeySpec(name, type, true, List.of(), description);
    }

    public static KeySpec oneOf(String name, List<String> choices, String description) {
        return new KeySpec(name, ValueType.STRING, false, choices, description);
    }
}
