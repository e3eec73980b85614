package dev.runbook.expr;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps in CEL's range, year 1 to 9999. */
public final class Timestamps {
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {
    }

    public static Instant parse(String text) {
        try {
            return checkRange(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "invalid timestamp \"" + text + "\"");
        }
    }

    static Instant checkRange(Instant t) {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new EvalException(EvalException.Kind.OVERFLOW, "timestamp out of range");
        }
        return t;
    }

    public static String format(Instant t) {
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(),
                utc.getHour(), utc.getMinute(), utc.getSecond()));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
            out.append('.').append(fraction);
        }
        return out.append('Z').toString();
    }

    /** A time zone as CEL names it: an IANA name, UTC, or an offset such as +05:30 or -08:00. */
    static ZoneId zone(String name) {
        try {
            if (!name.isEmpty() && (Character.isDigit(name.charAt(0)))) {
                return ZoneId.of("+" + name);
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "unknown time zone \"" + name + "\"");
        }
    }
}
