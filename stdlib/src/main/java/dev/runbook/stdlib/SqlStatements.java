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

    /** Lower-cased words of the statement, comments and string literals left out, separated by single spaces. */
    static String wordsOf(String sql) {
        String code = codeOnly(sql);
        StringBuilder out = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '_' ? Character.toLowerCase(c) : ' ');
        }
        return " " + out.toString().trim().replaceAll("\\s+", " ") + " ";
    }

    /**
     * The statement with comments, string literals and quoted identifiers replaced by spaces, so that words and
     * :name parameters are only found in code.
     */
    static String codeOnly(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                end = sql.indexOf(c, i + 1);
                end = end < 0 ? n : end + 1;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(" ".repeat(end - i));
            i = end;
        }
        return out.toString();
    }

    private static String firstWord(String words) {
        String trimmed = words.trim();
        int space = trimmed.indexOf(' ');
        return (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    private static boolean containsWord(String words, String word) {
        return words.contains(" " + word + " ");
    }

    /** A statement ready for JDBC: each :name replaced by '?', and the parameter name of each '?' in order. */
    public record Prepared(String sql, java.util.List<String> parameters) {
    }

    /** The :name parameters of a statement, in order of first use, skipping casts (::type), literals and comments. */
    public static java.util.List<String> parameterNames(String sql) {
        return java.util.List.copyOf(new java.util.LinkedHashSet<>(prepare(sql).parameters()));
    }

    public static Prepared prepare(String sql) {
        String code = codeOnly(sql);
        java.util.List<String> parameters = new java.util.ArrayList<>();
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == ':' && i + 1 < n && code.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && (Character.isLetter(code.charAt(i + 1)) || code.charAt(i + 1) == '_')) {
                int start = ++i;
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) {
                    i++;
                }
                parameters.add(code.substring(start, i));
                out.append('?');
            } else {
                out.append(sql.charAt(i));
                i++;
            }
        }
        return new Prepared(out.toString(), java.util.List.copyOf(parameters));
    }
}
