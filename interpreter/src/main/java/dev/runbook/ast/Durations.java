package dev.runbook.ast;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/** Go-style durations ("1h30m", "250ms", "-1.5s"), as CEL's duration() and the runbook literals use them. */
public final class Durations {
    /** CEL's range: about ±10,000 years. */
    static final long MAX_SECONDS = 315_576_000_000L;

    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text;
        if (s.isEmpty()) {
            throw new LiteralException("invalid duration: \"\"", false);
        }
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new LiteralException("invalid duration: \"" + text + "\"", false);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (number.isEmpty() || number.equals(".") || unit.isEmpty()) {
                throw new LiteralException("invalid duration: \"" + text + "\"", false);
            }
            BigDecimal value;
            try {
                value = new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw new LiteralException("invalid duration: \"" + text + "\"", false);
            }
            nanos = nanos.add(value.multiply(BigDecimal.valueOf(unitNanos(unit, text))));
        }
        BigInteger whole = nanos.toBigInteger();
        if (negative) {
            whole = whole.negate();
        }
        BigInteger[] parts = whole.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        if (parts[0].abs().compareTo(BigInteger.valueOf(MAX_SECONDS)) > 0) {
            throw new LiteralException("duration out of range: \"" + text + "\"", true);
        }
        return checkRange(Duration.ofSeconds(parts[0].longValueExact(), parts[1].longValueExact()));
    }

    private static long unitNanos(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new LiteralException("invalid duration unit \"" + unit + "\" in \"" + text + "\"", false);
        };
    }

    public static Duration checkRange(Duration d) {
        if (Math.abs(d.getSeconds()) > MAX_SECONDS || d.getSeconds() == -MAX_SECONDS - 1) {
            throw new LiteralException("duration out of range", true);
        }
        return d;
    }

    /** Seconds with up to nine decimals, trailing zeros dropped: "1.5s", "-0.25s", "3600s". */
    public static String format(Duration d) {
        BigDecimal seconds = new BigDecimal(BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano())), 9).stripTrailingZeros();
        if (seconds.signum() == 0) {
            return "0s";
        }
        return seconds.toPlainString() + "s";
    }

    /** The shortest runbook literal for a duration: 30s, 1m30s, 250ms, 2h. */
    public static String literal(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        Duration rest = d;
        if (d.isNegative()) {
            out.append('-');
            rest = d.negated();
        }
        long hours = rest.toHours();
        long minutes = rest.toMinutesPart();
        long secs = rest.toSecondsPart();
        long nanos = rest.toNanosPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (secs > 0) {
            out.append(secs).append('s');
        }
        if (nanos > 0) {
            if (nanos % 1_000_000 == 0) {
                out.append(nanos / 1_000_000).append("ms");
            } else if (nanos % 1_000 == 0) {
                out.append(nanos / 1_000).append("us");
            } else {
                out.append(nanos).append("ns");
            }
        }
        return out.toString();
    }
}
