package dev.runbook.stdlib;

import java.util.List;

/**
 * What {@link ActionKind#check} may ask of the checker, and where it reports. A place is given as keys from the
 * setting down ([query], [with, target]); empty for the whole action.
 */
public interface CheckContext {

    /** The step being checked, as messages name it: step 'backup'. */
    String step();

    /** The names of the databases the runbook declares, in order. */
    List<String> databases();

    /** An error at the value a place holds. */
    void error(List<String> at, String message);

    /** An error at the key of the entry a place names (a misspelt key of a map). */
    void errorAtKey(List<String> at, String message);

    /** A warning at the key of the entry a place names. */
    void warningAtKey(List<String> at, String message);

    /** The runbooks this one may call, resolved against its folder. */
    Runbooks runbooks();
}
