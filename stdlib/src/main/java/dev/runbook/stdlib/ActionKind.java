package dev.runbook.stdlib;

import java.time.Duration;
import java.util.ArrayList;
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
     * The effect when the kind's meaning depends on other runbooks (a call is as read-only as what it calls). The
     * default is {@link #effect(Map)}.
     */
    default Effect effect(Map<String, String> literals, Runbooks runbooks) {
        return effect(literals);
    }

    /**
     * The runbooks an action of this kind runs, as paths relative to its file (a call names one), so that call
     * cycles can be found before anything runs. None by default.
     */
    default List<String> calls(Map<String, String> literals) {
        return List.of();
    }

    /** How a write of this kind is named in the warning that no approval comes before it ("http POST"). */
    default String writeLabel(Map<String, String> literals) {
        return descriptor().name();
    }

    /**
     * True for an approval gate: it governs the writes after it up to the next gate, however they are reached
     * (--only, --from, --step, --resume); a read-only rehearsal does not ask it; a dry-run lists it as needed.
     */
    default boolean approvalGate() {
        return false;
    }

    /**
     * True when a step of this kind asks for the approval its writes need itself (a call of a runbook that asks
     * before its first write), so that the caller needs none of its own.
     */
    default boolean approvesItsOwnWrites(Map<String, String> literals, Runbooks runbooks) {
        return false;
    }

    /** What must hold when a step states no expect, as a CEL expression over the result fields; null for nothing. */
    default String defaultExpectation() {
        return null;
    }

    /** The time one attempt may take when neither the step nor the runbook's defaults say; null for the run's. */
    default Duration defaultTimeout() {
        return null;
    }

    /**
     * True when a step of this kind talks to the operator or prints steps of its own while it runs (a prompt, a
     * called runbook), so that a live progress line would write over them.
     */
    default boolean interactive() {
        return false;
    }

    /**
     * Events the audit log records for a result beside step.finished (approval.granted, manual.answered): who
     * answered, how and why. None by default.
     */
    default List<Event> events(ActionResult result) {
        return List.of();
    }

    /** An audit event of a kind: its name and its detail (plain values; the interpreter redacts it). */
    record Event(String name, Map<String, Object> detail) {
        /** An event whose detail is the named fields of a result, in that order. */
        public static Event of(String name, Map<String, Object> fields, String... keys) {
            Map<String, Object> detail = new LinkedHashMap<>();
            for (String key : keys) {
                detail.put(key, fields.get(key));
            }
            return new Event(name, detail);
        }
    }

    /**
     * What the kind's settings, as written, mean for static checks beyond their types: references to declared
     * databases, settings that exclude each other, the runbook a call names. Reported through the context where
     * the setting stands. Nothing by default.
     *
     * @param written every setting as its author wrote it (texts with their ${...}, expressions as source, lists and
     *                maps of those), by key
     */
    default void check(Map<String, Object> written, CheckContext context) {
    }

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
     * The step's action as a paragraph of `runbook doc` (Markdown): what a person following the runbook by hand
     * would do. The default names the kind and its settings.
     *
     * @param written every setting as its author wrote it, as for {@link #check}; leaves are strings
     */
    default String doc(Map<String, Object> written) {
        List<String> settings = new ArrayList<>();
        written.forEach((key, value) -> settings.add(key + " `" + Texts.inline(value) + "`"));
        return "`" + descriptor().name() + "`: " + String.join(", ", settings);
    }

    /**
     * Loads what the first step of this kind would otherwise wait for (a client library's classes and their static
     * state), called on a background thread when a run that uses the kind starts, while it is still being checked.
     * Touches nothing outside the process: no connection but to a socket the process opens itself, no file, no
     * process. Nothing by default.
     */
    default void prepare() {
    }

    /**
     * Does the action. Returns its result; throws {@link ActionException} with a one-line reason when it cannot
     * be done. Implementations honour {@link ActionContext#timeout()} and interruption of the calling thread.
     */
    default ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        throw new ActionException(descriptor().name() + " is carried out by the interpreter, not by its kind");
    }
}
