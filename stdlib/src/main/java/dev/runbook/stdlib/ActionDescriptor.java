package dev.runbook.stdlib;

import java.util.List;
import java.util.Optional;

/**
 * What the checker and the converters know of an action kind without running it.
 *
 * @param name         the key that names the kind in a step (http, sql, shell, ...)
 * @param keys         the keys of its map form
 * @param shorthandKey the key a scalar value stands for ({@code log: text}), or null when the kind has none
 * @param results      the fields of its result
 * @param defaultExpect what must hold when a step states no expect, in words (shown by doc and dry-run)
 */
public record ActionDescriptor(String name, List<KeySpec> keys, String shorthandKey, List<ResultField> results,
                               String defaultExpect) {
    public ActionDescriptor {
        keys = List.copyOf(keys);
        results = List.copyOf(results);
    }

    public Optional<KeySpec> key(String keyName) {
        return keys.stream().filter(k -> k.name().equals(keyName)).findFirst();
    }

    public List<String> keyNames() {
        return keys.stream().map(KeySpec::name).toList();
    }
}
