package dev.runbook.stdlib;

import java.util.Locale;

/**
 * Classifies SQL text as a query (read) or anything else (write), as language.md §3 says: SELECT, VALUES,
 * TABLE, SHOW, EXPLAIN without ANALYZE, and WITH ... SELECT with no INSERT/UPDATE/DELETE inside are queries.
 * The database has the last word: read steps run in READ ONLY transactions.
 */
public final class SqlStatements {
    private SqlStatements() {
    }

    public static boolean isQuery(String sql) {
        String words = wordsOf(sql);
        String first = firstWord(words);
        switch (first) {
            case "select", "values", "table", "show":
                return !containsWord(words, "into") || !first.equals("select");
            case "explain":
                return !containsWord(words, "analyze");
            case "with":
                return !containsWord(words, "insert") && !containsWord(words, "update")
                        && !containsWord(words, "delete") && !containsWord(words, "merge");
            default:
                return false;
        }
    }

    /** Lower-cased text with comments and string literals blanked out, words separated by single spaces. */
    static String wordsOf(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
                out.append(c == '"' ? " ident " : " literal ");
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                out.append(Character.toLowerCase(c));
                i++;
            } else {
                out.append(' ');
                i++;
            }
        }
        return " " + out.toString().trim().replaceAll("\\s+", " ") + " ";
    }

    private static String firstWord(String words) {
        String trimmed = words.trim();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static boolean containsWord(String words, String word) {
        return words.contains(" " + word + " ");
    }

    /**
     * The :name parameters of a statement, in order of first use, skipping casts (::type), string literals,
     * quoted identifiers and comments.
     */
    public static java.util.List<String> parameterNames(String sql) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
            } else if (c == ':' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int start = ++i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                names.add(sql.substring(start, i));
            } else {
                i++;
            }
        }
        return java.util.List.copyOf(names);
    }
}
