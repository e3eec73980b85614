package dev.runbook.syntax;

/** A file's name as the user gave it and its text, for diagnostics that quote the offending line. */
public record SourceFile(String path, String text) {

    /** The 1-based line, without its line break; empty when out of range. */
    public String line(int number) {
        if (number < 1) {
            return "";
        }
        int start = 0;
        for (int i = 1; i < number; i++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
