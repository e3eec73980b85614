package dev.runbook.stdlib;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The action kinds found on the class path, by name. */
public final class ActionKinds {
    private final Map<String, ActionKind> byName;

    private ActionKinds(Map<String, ActionKind> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The kinds registered through ServiceLoader with the given class loader. A later duplicate name loses. */
    public static ActionKinds load(ClassLoader loader) {
        Map<String, ActionKind> kinds = new TreeMap<>();
        for (ActionKind kind : ServiceLoader.load(ActionKind.class, loader)) {
            kinds.putIfAbsent(kind.descriptor().name(), kind);
        }
        return new ActionKinds(kinds);
    }

    private static final class Standard {
        static final ActionKinds INSTANCE = load(ActionKinds.class.getClassLoader());
    }

    /** The kinds visible to this library's class loader, loaded once. */
    public static ActionKinds standard() {
        return Standard.INSTANCE;
    }

    public Optional<ActionKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
