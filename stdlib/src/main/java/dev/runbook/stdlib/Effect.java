package dev.runbook.stdlib;

/** What an action does to the world: a {@code read} leaves it as it was, a {@code write} may change it. */
public enum Effect {
    READ, WRITE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
