package dev.runbook.ast;

/** CEL's null. A distinct value (not Java null) so that "absent" and "null" never mix. */
public enum CelNull {
    NULL;

    @Override
    public String toString() {
        return "null";
    }
}
