package dev.runbook.stdlib;

/**
 * The type of an action key's value. The syntax layer reads a value according to its type: a TEXT is a
 * string with ${} templates, an EXPRESSION is CEL, DATA is any YAML/JSON value whose strings are templates.
 */
public enum ValueType {
    /** A string in which ${...} is interpolated. */
    TEXT("text"),
    /** A shell command line: text whose every ${...} is inserted as one shell-quoted word. */
    SHELL_COMMAND("command line"),
    /** A plain string, never interpolated (a database name, a path resolved before the run). */
    STRING("string"),
    /** A CEL expression. */
    EXPRESSION("expression"),
    /** A duration such as 30s or 1m30s. */
    DURATION("duration"),
    /** A whole number. */
    INTEGER("integer"),
    /** A number. */
    NUMBER("number"),
    /** true or false. */
    BOOLEAN("boolean"),
    /** A list of plain strings. */
    STRING_LIST("list of strings"),
    /** A map from names to TEXT values. */
    TEXT_MAP("map of text"),
    /** A map from names to expressions. */
    EXPRESSION_MAP("map of expressions"),
    /** Any value: map, list, string (TEXT), number, bool, null. */
    DATA("value");

    private final String words;

    ValueType(String words) {
        this.words = words;
    }

    /** How an author would name this type in an error message. */
    public String words() {
        return words;
    }
}
