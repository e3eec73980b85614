package dev.runbook.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The resources actions share during a run (HTTP client, database connections), closed in reverse at its end. */
final class RunResources implements AutoCloseable {
    private final Map<Class<?>, AutoCloseable> shared = new LinkedHashMap<>();

    synchronized <T extends AutoCloseable> T get(Class<T> type, Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(shared.values());
        java.util.Collections.reverse(all);
        for (AutoCloseable resource : all) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing at the end of a run: nothing left to protect.
            }
        }
        shared.clear();
    }
}
