package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Durations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * CEL values as Java objects: int Long, uint {@link CelUInt}, double Double, string String, bytes
 * {@link CelBytes}, bool Boolean, null {@link CelNull}, list List, map Map, duration Duration, timestamp
 * Instant, type {@link CelType}. This class holds their types, equality, ordering and literal form.
 */
public final class Values {
    private Values() {
    }

    public static CelType typeOf(Object value) {
        if (value instanceof Long) {
            return CelType.INT;
        } else if (value instanceof CelUInt) {
            return CelType.UINT;
        } else if (value instanceof Double) {
            return CelType.DOUBLE;
        } else if (value instanceof String) {
            return CelType.STRING;
        } else if (value instanceof CelBytes) {
            return CelType.BYTES;
        } else if (value instanceof Boolean) {
            return CelType.BOOL;
        } else if (value instanceof CelNull || value == null) {
            return CelType.NULL;
        } else if (value instanceof List) {
            return CelType.LIST;
        } else if (value instanceof Map) {
            return CelType.MAP;
        } else if (value instanceof Duration) {
            return CelType.DURATION;
        } else if (value instanceof Instant) {
            return CelType.TIMESTAMP;
        } else if (value instanceof CelType) {
            return CelType.TYPE;
        }
        throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "not a CEL value: " + value.getClass().getSimpleName());
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof CelUInt || value instanceof Double;
    }

    /** CEL equality: heterogeneous numbers compare by value, other mixed types are unequal, NaN != NaN. */
    public static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double da && da.isNaN() || b instanceof Double db && db.isNaN()) {
                return false;
            }
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!equal(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : ma.entrySet()) {
                Object other = MapKeys.lookup(mb, entry.getKey());
                if (other == null || !equal(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Exact ordering of two numbers of any of the three numeric types; NaN must be ruled out first. */
    static int compareNumbers(Object a, Object b) {
        if (a instanceof Long la && b instanceof Long lb) {
            return Long.compare(la, lb);
        }
        if (a instanceof CelUInt ua && b instanceof CelUInt ub) {
            return ua.compareTo(ub);
        }
        if (a instanceof Double da && b instanceof Double db) {
            return Double.compare(da == 0.0 ? 0.0 : da, db == 0.0 ? 0.0 : db);
        }
        if (a instanceof Long la && b instanceof CelUInt ub) {
            return la < 0 ? -1 : Long.compareUnsigned(la, ub.bits());
        }
        if (a instanceof CelUInt && b instanceof Long) {
            return -compareNumbers(b, a);
        }
        if (b instanceof Double db) {
            return -compareToDouble(db, a);
        }
        return compareToDouble((Double) a, b);
    }

    /**
     * CEL compares an int or uint with a double by converting the integer to double (cel-go's behaviour and the
     * conformance suite's expectation: 9223372036854775807 is not less than 9223372036854775808.0).
     */
    private static int compareToDouble(double d, Object integer) {
        double other = integer instanceof CelUInt u
                ? new BigDecimal(new BigInteger(Long.toUnsignedString(u.bits()))).doubleValue()
                : (double) (Long) integer;
        return Double.compare(d == 0.0 ? 0.0 : d, other == 0.0 ? 0.0 : other);
    }

    /** CEL ordering for <, <=, >, >=; an error for types without one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b, String operator) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable
                && (a instanceof String || a instanceof CelBytes || a instanceof Boolean
                || a instanceof Duration || a instanceof Instant)) {
            if (a instanceof String sa) {
                return compareCodePoints(sa, (String) b);
            }
            return ((Comparable) a).compareTo(b);
        }
        throw EvalException.noSuchOverload(operator, a, b);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The value written as a CEL literal: what `runbook eval` prints and a template inserts for non-strings. */
    public static String format(Object value) {
        StringBuilder out = new StringBuilder();
        appendLiteral(out, value);
        return out.toString();
    }

    /** The value as a template inserts it: strings as they are, everything else in CEL literal form. */
    public static String toText(Object value) {
        return value instanceof String s ? s : format(value);
    }

    private static void appendLiteral(StringBuilder out, Object value) {
        if (value instanceof String s) {
            appendQuoted(out, s);
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof CelUInt u) {
            out.append(u).append('u');
        } else if (value instanceof Double d) {
            out.append(formatDoubleLiteral(d));
        } else if (value instanceof CelBytes b) {
            out.append(b.literal());
        } else if (value instanceof CelNull || value == null) {
            out.append("null");
        } else if (value instanceof List<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendLiteral(out, element);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendLiteral(out, entry.getKey());
                out.append(": ");
                appendLiteral(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Duration d) {
            out.append("duration(\"").append(Durations.format(d)).append("\")");
        } else if (value instanceof Instant t) {
            out.append("timestamp(\"").append(Timestamps.format(t)).append("\")");
        } else if (value instanceof CelType t) {
            out.append(t.name());
        } else {
            out.append(value);
        }
    }

    static void appendQuoted(StringBuilder out, String s) {
        out.append(dev.runbook.ast.CelStrings.doubleQuoted(s));
    }

    private static String formatDoubleLiteral(double d) {
        if (Double.isNaN(d)) {
            return "double(\"NaN\")";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "double(\"Infinity\")" : "double(\"-Infinity\")";
        }
        String text = formatDouble(d);
        boolean looksIntegral = text.chars().allMatch(c -> Character.isDigit(c) || c == '-');
        return looksIntegral ? text + ".0" : text;
    }

    /** A double as CEL's string() writes it: Go's %g, shortest digits, exponent form outside [1e-4, 1e21). */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 21) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return sign + exact.abs().toPlainString();
    }

    /** Decodes bytes as UTF-8, refusing malformed input as CEL's string(bytes) does. */
    static String decodeUtf8(CelBytes bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "invalid UTF-8 in bytes");
        }
    }
}
