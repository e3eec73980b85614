package dev.runbook.stdlib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * A value as its author wrote it, in one line: lists in brackets and maps in braces, their texts unquoted; the
     * form runbook doc shows (the interpreter gives a kind written values whose leaves are strings).
     */
    public static String inline(Object written) {
        if (written instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(Texts::inline).toList()) + "]";
        }
        if (written instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(k + ": " + inline(v)));
            return "{" + String.join(", ", pairs) + "}";
        }
        return written == null ? "" : String.valueOf(written);
    }

    /** Map entries as runbook doc shows them: `key: value`, comma-separated. */
    public static String pairs(Object written) {
        if (!(written instanceof Map<?, ?> map)) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add("`" + k + ": " + inline(v) + "`"));
        return String.join(", ", pairs);
    }

    /** " (did you mean 'x'?)" for the candidate closest to the word within a small edit distance, or "". */
    public static String didYouMean(String word, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }
}
