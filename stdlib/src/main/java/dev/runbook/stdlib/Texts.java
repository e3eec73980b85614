package dev.runbook.stdlib;

import java.util.ArrayList;
import java.util.List;

/** How a multi-line text an author wrote (a description, an instruction, a prompt) is shown to the operator. */
public final class Texts {
    private Texts() {
    }

    /**
     * The text without its surrounding blank lines and without the indentation its lines share, so that a DSL text
     * block indented with the file ({@code """} on one line, the text indented below it) reads as a YAML block
     * does. Lines after the first decide the indentation when the text starts on the line of its opening quotes,
     * whose own indentation is that of the quotes. Relative indentation, and a one-line text, are kept.
     */
    public static String block(String text) {
        if (text == null || !text.contains("\n")) {
            return text == null ? null : text.strip();
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        boolean firstOnQuoteLine = !lines.isEmpty() && !lines.get(0).isBlank();
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int shared = Integer.MAX_VALUE;
        for (int i = firstOnQuoteLine ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                shared = Math.min(shared, indentation(line));
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean keep = i == 0 && firstOnQuoteLine || shared == Integer.MAX_VALUE;
            out.append(i == 0 ? "" : "\n").append(line.isBlank() ? "" : keep ? line.strip() : line.substring(shared).stripTrailing());
        }
        return out.toString();
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
