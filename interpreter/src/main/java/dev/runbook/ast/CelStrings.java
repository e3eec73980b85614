package dev.runbook.ast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes CEL string and bytes literals (quotes, raw prefix, escapes) as cel-spec defines them. */
public final class CelStrings {
    private CelStrings() {
    }

    /** Thrown for an escape the literal may not hold; the message is for the author. */
    public static final class BadLiteral extends Exception {
        private static final long serialVersionUID = 1L;

        BadLiteral(String message) {
            super(message, null, false, false);
        }
    }

    /** The value of a STRING token. */
    public static String string(String token) throws BadLiteral {
        return new String(decode(token, false), StandardCharsets.UTF_8);
    }

    /** The value of a BYTES token (without its b prefix handled by the caller). */
    public static byte[] bytes(String token) throws BadLiteral {
        return decode(token.substring(1), true);
    }

    /** How many characters the opening quote takes (raw prefix included), to map positions inside. */
    public static int openingLength(String token) {
        int i = token.charAt(0) == 'r' || token.charAt(0) == 'R' ? 1 : 0;
        return i + (token.startsWith("\"\"\"", i) || token.startsWith("'''", i) ? 3 : 1);
    }

    private static byte[] decode(String token, boolean bytes) throws BadLiteral {
        boolean raw = token.charAt(0) == 'r' || token.charAt(0) == 'R';
        String quoted = raw ? token.substring(1) : token;
        int quote = quoted.startsWith("\"\"\"") || quoted.startsWith("'''") ? 3 : 1;
        String body = quoted.substring(quote, quoted.length() - quote);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        if (raw) {
            writeUtf8(out, body);
            return out.toByteArray();
        }
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                writeUtf8(out, new String(Character.toChars(cp)));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new BadLiteral("a string may not end with a lone backslash");
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write(10);
                case 'r' -> out.write(13);
                case 't' -> out.write(9);
                case 'v' -> out.write(11);
                case '"', '\'', '\\', '?', '`' -> out.write(e);
                case 'x', 'X' -> {
                    int value = hex(body, i, 2);
                    i += 2;
                    writeUnit(out, value, bytes);
                }
                case 'u', 'U' -> {
                    if (bytes) {
                        throw new BadLiteral("\\" + e + " escapes are not allowed in bytes literals");
                    }
                    int digits = e == 'u' ? 4 : 8;
                    int value = hex(body, i, digits);
                    i += digits;
                    if (value > 0x10FFFF || value >= 0xD800 && value <= 0xDFFF) {
                        throw new BadLiteral("invalid code point \\" + e + body.substring(i - digits, i));
                    }
                    writeUtf8(out, new String(Character.toChars(value)));
                }
                default -> {
                    if (e >= '0' && e <= '3' && i + 1 < body.length()) {
                        int value = Integer.parseInt(body.substring(i - 1, i + 2), 8);
                        i += 2;
                        writeUnit(out, value, bytes);
                    } else {
                        throw new BadLiteral("unknown escape sequence \\" + e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeUnit(ByteArrayOutputStream out, int value, boolean bytes) {
        if (bytes) {
            out.write(value);
        } else {
            writeUtf8(out, new String(Character.toChars(value)));
        }
    }

    private static int hex(String body, int at, int digits) throws BadLiteral {
        if (at + digits > body.length()) {
            throw new BadLiteral("incomplete escape sequence");
        }
        try {
            return (int) Long.parseLong(body.substring(at, at + digits), 16);
        } catch (NumberFormatException e) {
            throw new BadLiteral("bad hexadecimal escape " + body.substring(at, at + digits));
        }
    }

    private static void writeUtf8(ByteArrayOutputStream out, String s) {
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        out.write(encoded, 0, encoded.length);
    }

    /**
     * {@code text} in double quotes with \\ \" \n \r \t and \xHH / \\uHHHH escapes: valid as a CEL string
     * literal and as a YAML double-quoted scalar alike.
     */
    public static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (c >= 0x80 && c <= 0x9f || c == '\ufeff') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A DSL string literal holding exactly {@code text}: double-quoted, or triple-quoted when multi-line. */
    public static String quote(String text) {
        boolean multiLine = text.contains("\n") && !text.contains("\"\"\"") && !text.endsWith("\"");
        if (!multiLine) {
            return doubleQuoted(text);
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append("\"\"\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append("\"\"\"").toString();
    }
}
