package dev.runbook.stdlib;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An action kind of the standard library, or of a jar on the class path: registered in
 * META-INF/services/dev.runbook.stdlib.ActionKind and found through {@link java.util.ServiceLoader}.
 */
public interface ActionKind {

    ActionDescriptor descriptor();

    /**
     * The effect of one configured action, decided statically so that a dry-run can show it.
     *
     * @param literals the keys whose values are known before the run (plain strings, and texts without
     *                 interpolation), by key name
     */
    Effect effect(Map<String, String> literals);

    /**
     * Expands the scalar shorthand ({@code http: GET https://...}) into keys of the map form. The default maps
     * the whole scalar to {@link ActionDescriptor#shorthandKey()}.
     */
    default Map<String, String> expandShorthand(String scalar) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(descriptor().shorthandKey(), scalar);
        return keys;
    }
}
