package dev.runbook.stdlib;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password of a URL is a secret wherever the URL is seen: {@code scheme://user:PASSWORD@host} and a query
 * parameter named {@code password} (as JDBC URLs carry it). Finds them in any text, and masks them in place.
 */
public final class UrlPasswords {
    public static final String MASK = "***";

    private UrlPasswords() {
    }

    /** The text with every URL password replaced by ***. */
    public static String mask(String text) {
        if (text == null || !text.contains("://") && !text.toLowerCase(Locale.ROOT).contains("password=")) {
            return text;
        }
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] span : spans) {
            out.append(text, at, span[0]).append(MASK);
            at = span[1];
        }
        return out.append(text.substring(at)).toString();
    }

    /**
     * A part of a URL percent-decoded, as RFC 3986 reads it: a '+' stays a '+' (it means a space only in forms).
     * The one decoding of user names, passwords, paths and query values for http, proxy and database URLs.
     */
    public static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Every URL password in the text, as written and percent-decoded (so either form can be redacted elsewhere). */
    public static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (int[] span : spans(text)) {
            String raw = text.substring(span[0], span[1]);
            if (raw.isEmpty() || raw.equals(MASK)) {
                continue;
            }
            found.add(raw);
            try {
                String decoded = decode(raw);
                if (!decoded.equals(raw)) {
                    found.add(decoded);
                }
            } catch (IllegalArgumentException notPercentEncoded) {
                // kept as written
            }
        }
        return found;
    }

    /** Start and end of each password in the text, in order, not overlapping. */
    private static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        int from = 0;
        while (true) {
            int scheme = text.indexOf("://", from);
            if (scheme < 0) {
                break;
            }
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !endsAuthority(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            if (at >= start) {
                int colon = text.indexOf(':', start);
                if (colon >= 0 && colon < at) {
                    spans.add(new int[] {colon + 1, at});
                }
            }
            int queryEnd = end;
            while (queryEnd < text.length() && !Character.isWhitespace(text.charAt(queryEnd))
                    && "\"'<>`".indexOf(text.charAt(queryEnd)) < 0) {
                queryEnd++;
            }
            queryPasswords(text, end, queryEnd, spans);
            from = Math.max(queryEnd, start);
        }
        if (spans.isEmpty() && text.toLowerCase(Locale.ROOT).contains("password=")) {
            // A JDBC URL's parameters without a scheme:// in view (jdbc:postgresql:db?password=...).
            queryPasswords(text, 0, text.length(), spans);
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        return spans;
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || "\"'<>`".indexOf(c) >= 0;
    }

    /** password=VALUE (any key ending in password) after a ? or &, up to the next & or the end of the URL. */
    private static void queryPasswords(String text, int from, int to, List<int[]> spans) {
        String lower = text.toLowerCase(Locale.ROOT);
        int search = from;
        while (true) {
            int key = lower.indexOf("password=", search);
            if (key < 0 || key >= to) {
                return;
            }
            int keyStart = key;
            while (keyStart > from && Character.isLetterOrDigit(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            boolean parameter = keyStart > 0 && (text.charAt(keyStart - 1) == '?' || text.charAt(keyStart - 1) == '&'
                    || text.charAt(keyStart - 1) == ';');
            int start = key + "password=".length();
            int end = start;
            while (end < to && text.charAt(end) != '&' && text.charAt(end) != ';' && !Character.isWhitespace(text.charAt(end))
                    && "\"'<>`#".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            if (parameter && end > start) {
                spans.add(new int[] {start, end});
            }
            search = Math.max(end, start);
        }
    }
}
