package dev.runbook.stdlib;

import java.util.LinkedHashMap;
import java.util.List;
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

    /** The concrete action in one line, for the operator's progress line and the dry-run plan. */
    default String plan(ResolvedAction action) {
        StringBuilder out = new StringBuilder(descriptor().name());
        action.settings().forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
        return out.toString();
    }

    /**
     * What an operator should see of a result when its step fails, beside the expectation that failed: the last
     * lines a command printed, the start of a response body, the first rows. A few short lines, redacted by the
     * interpreter like everything it prints. None by default.
     */
    default List<String> evidence(ActionResult result) {
        return List.of();
    }

    /**
     * What is wrong with a setting whose value is known before the run (written out, with no template or
     * expression in it), one message each; {@code runbook check} reports them where the setting stands. Values of
     * the descriptor's enumerated keys are checked by the checker itself; this is for what only the kind knows
     * (a manual step's question types). None by default.
     */
    default List<Problem> problems(String key, Object literal) {
        return List.of();
    }

    /**
     * A problem with a setting: where inside it (keys from the setting down, e.g. [count, type]; empty for the
     * whole setting) and what is wrong.
     */
    record Problem(List<String> path, String message) {
        public Problem {
            path = List.copyOf(path);
        }
    }

    /**
     * Does the action. Returns its result; throws {@link ActionException} with a one-line reason when it cannot
     * be done. Implementations honour {@link ActionContext#timeout()} and interruption of the calling thread.
     */
    default ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        throw new ActionException(descriptor().name() + " is carried out by the interpreter, not by its kind");
    }
}
