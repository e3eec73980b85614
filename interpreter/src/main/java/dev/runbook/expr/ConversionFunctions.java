package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import com.google.re2j.Pattern;

import static dev.runbook.expr.FunctionRegistry.Signature.returns;
import static dev.runbook.expr.FunctionRegistry.Style.GLOBAL;

/** int(), uint(), double(), string(), bytes(), bool(), type(), dyn(), duration(), timestamp(). */
final class ConversionFunctions {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final double TWO_TO_63 = 9.223372036854775808E18;
    private static final double TWO_TO_64 = 1.8446744073709552E19;

    private ConversionFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.define("int", GLOBAL, returns("int"), args -> one(args, "int", ConversionFunctions::toInt));
        r.define("uint", GLOBAL, returns("uint"), args -> one(args, "uint", ConversionFunctions::toUint));
        r.define("double", GLOBAL, returns("double"), args -> one(args, "double", ConversionFunctions::toDouble));
        r.define("string", GLOBAL, returns("string"), args -> one(args, "string", ConversionFunctions::toStringValue));
        r.define("bytes", GLOBAL, returns("bytes"), args -> one(args, "bytes", v -> {
            if (v instanceof CelBytes) {
                return v;
            }
            if (v instanceof String s) {
                return CelBytes.utf8(s);
            }
            throw EvalException.noSuchOverload("bytes", v);
        }));
        r.define("bool", GLOBAL, returns("bool"), args -> one(args, "bool", ConversionFunctions::toBool));
        r.define("type", GLOBAL, returns("type"), args -> one(args, "type", Values::typeOf));
        r.define("dyn", GLOBAL, returns("dyn"), args -> one(args, "dyn", v -> v));
        r.define("duration", GLOBAL, returns("duration"), args -> one(args, "duration", v -> {
            if (v instanceof Duration) {
                return v;
            }
            if (v instanceof String s) {
                return EvalException.literal(() -> Durations.parse(s));
            }
            throw EvalException.noSuchOverload("duration", v);
        }));
        r.define("timestamp", GLOBAL, returns("timestamp"), args -> one(args, "timestamp", v -> {
            if (v instanceof Instant) {
                return v;
            }
            if (v instanceof String s) {
                return Timestamps.parse(s);
            }
            if (v instanceof Long seconds) {
                try {
                    return Timestamps.checkRange(Instant.ofEpochSecond(seconds));
                } catch (java.time.DateTimeException e) {
                    throw new EvalException(EvalException.Kind.OVERFLOW, "timestamp out of range");
                }
            }
            throw EvalException.noSuchOverload("timestamp", v);
        }));
    }

    static Object one(List<Object> args, String name, java.util.function.Function<Object, Object> f) {
        if (args.size() != 1) {
            throw FunctionRegistry.overload(name, args);
        }
        return f.apply(args.get(0));
    }

    static Object toInt(Object v) {
        if (v instanceof Long) {
            return v;
        }
        if (v instanceof CelUInt u) {
            if (u.bits() < 0) {
                throw new EvalException(EvalException.Kind.OVERFLOW, "range error: uint too large for int");
            }
            return u.bits();
        }
        if (v instanceof Double d) {
            if (d.isNaN() || !(d > -TWO_TO_63 && d < TWO_TO_63)) {
                throw new EvalException(EvalException.Kind.OVERFLOW, "range error: double out of int range");
            }
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "cannot convert \"" + s + "\" to int");
            }
        }
        if (v instanceof Instant t) {
            return t.getEpochSecond();
        }
        throw EvalException.noSuchOverload("int", v);
    }

    static Object toUint(Object v) {
        if (v instanceof CelUInt) {
            return v;
        }
        if (v instanceof Long l) {
            if (l < 0) {
                throw new EvalException(EvalException.Kind.OVERFLOW, "range error: negative int to uint");
            }
            return new CelUInt(l);
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d < 0 || d >= TWO_TO_64) {
                throw new EvalException(EvalException.Kind.OVERFLOW, "range error: double out of uint range");
            }
            return new CelUInt(new BigDecimal(d).toBigInteger().longValue());
        }
        if (v instanceof String s) {
            try {
                return new CelUInt(Long.parseUnsignedLong(s));
            } catch (NumberFormatException e) {
                throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "cannot convert \"" + s + "\" to uint");
            }
        }
        throw EvalException.noSuchOverload("uint", v);
    }

    static Object toDouble(Object v) {
        if (v instanceof Double) {
            return v;
        }
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof CelUInt u) {
            return new BigDecimal(Long.toUnsignedString(u.bits())).doubleValue();
        }
        if (v instanceof String s) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            switch (lower) {
                case "nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    if (DECIMAL.matcher(s).matches()) {
                        return Double.parseDouble(s);
                    }
                    throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "cannot convert \"" + s + "\" to double");
            }
        }
        throw EvalException.noSuchOverload("double", v);
    }

    static Object toStringValue(Object v) {
        if (v instanceof String) {
            return v;
        }
        if (v instanceof Long || v instanceof CelUInt || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return Values.formatDouble(d);
        }
        if (v instanceof CelBytes b) {
            return Values.decodeUtf8(b);
        }
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof Instant t) {
            return Timestamps.format(t);
        }
        throw EvalException.noSuchOverload("string", v);
    }

    static Object toBool(Object v) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s) {
            switch (s) {
                case "1", "t", "T", "true", "TRUE", "True":
                    return true;
                case "0", "f", "F", "false", "FALSE", "False":
                    return false;
                default:
                    throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "Type conversion error: \"" + s + "\" is not a bool");
            }
        }
        throw EvalException.noSuchOverload("bool", v);
    }
}
