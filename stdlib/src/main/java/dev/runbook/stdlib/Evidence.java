package dev.runbook.stdlib;

import java.util.ArrayList;
import java.util.List;

/** Short excerpts of results for {@link ActionKind#evidence}: the end of an output, the start of a body. */
public final class Evidence {
    /** Longer lines are cut: evidence points at the problem, the audit log and the report keep the rest. */
    static final int LINE = 160;

    private Evidence() {
    }

    /** "NAME (last lines):" and the last non-blank lines of the text, indented; nothing for a blank text. */
    public static List<String> lastLines(String name, Object text, int count) {
        List<String> lines = text == null ? List.of()
                : text.toString().lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(name + (lines.size() > count ? " (last " + count + " of " + lines.size() + " lines):" : ":"));
        lines.subList(Math.max(0, lines.size() - count), lines.size()).forEach(line -> out.add("  " + clip(line)));
        return out;
    }

    /** "NAME: the text on one line, cut"; nothing for a blank text. */
    public static List<String> start(String name, Object text) {
        if (text == null || text.toString().isBlank()) {
            return List.of();
        }
        return List.of(name + ": " + clip(text.toString().strip().replaceAll("\\s*\\R\\s*", " ")));
    }

    static String clip(String line) {
        return line.length() <= LINE ? line : line.substring(0, LINE - 1) + "…";
    }
}
