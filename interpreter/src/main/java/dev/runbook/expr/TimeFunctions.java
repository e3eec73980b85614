package dev.runbook.expr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.runbook.expr.FunctionRegistry.Signature;

import static dev.runbook.expr.FunctionRegistry.Signature.returns;
import static dev.runbook.expr.FunctionRegistry.Style.GLOBAL;
import static dev.runbook.expr.FunctionRegistry.Style.RECEIVER;

/** The timestamp and duration accessors (an optional time zone argument), and the now() extension. */
final class TimeFunctions {
    private TimeFunctions() {
    }

    static void register(FunctionRegistry r, Clock clock) {
        r.define("now", GLOBAL, returns("timestamp"), args -> {
            if (!args.isEmpty()) {
                throw FunctionRegistry.overload("now", args);
            }
            return clock.instant();
        });
        // A timestamp's fields, in UTC or the time zone given; some of a duration's too.
        timestamp(r, "getFullYear", ZonedDateTime::getYear);
        timestamp(r, "getMonth", t -> t.getMonthValue() - 1);
        timestamp(r, "getDayOfMonth", t -> t.getDayOfMonth() - 1);
        timestamp(r, "getDate", ZonedDateTime::getDayOfMonth);
        timestamp(r, "getDayOfWeek", t -> t.getDayOfWeek().getValue() % 7);
        timestamp(r, "getDayOfYear", t -> t.getDayOfYear() - 1);
        both(r, "getHours", ZonedDateTime::getHour, Duration::toHours);
        both(r, "getMinutes", ZonedDateTime::getMinute, Duration::toMinutes);
        both(r, "getSeconds", ZonedDateTime::getSecond, Duration::getSeconds);
        both(r, "getMilliseconds", t -> t.getNano() / 1_000_000, Duration::toMillis);
    }

    private static void timestamp(FunctionRegistry r, String name, ToLongFunction<ZonedDateTime> field) {
        both(r, name, field, null);
    }

    private static void both(FunctionRegistry r, String name, ToLongFunction<ZonedDateTime> field,
                             ToLongFunction<Duration> durationField) {
        Signature signature = durationField == null ? returns("int").on("timestamp") : returns("int").on("timestamp", "duration");
        r.define(name, RECEIVER, signature, args -> {
            Object target = args.get(0);
            if (target instanceof Instant t && args.size() <= 2) {
                ZonedDateTime at = args.size() == 1
                        ? t.atZone(ZoneOffset.UTC)
                        : t.atZone(Timestamps.zone(zoneName(name, args)));
                return field.applyAsLong(at);
            }
            if (target instanceof Duration d && durationField != null && args.size() == 1) {
                return durationField.applyAsLong(d);
            }
            throw FunctionRegistry.overload(name, args);
        });
    }

    private static String zoneName(String name, List<Object> args) {
        if (args.get(1) instanceof String zone) {
            return zone;
        }
        throw FunctionRegistry.overload(name, args);
    }
}
