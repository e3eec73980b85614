package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelUInt;
import dev.runbook.ast.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** CEL's arithmetic operators: overflow and division by zero are errors, mixed numeric types are not added. */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object add(Object a, Object b) {
        try {
            if (a instanceof Long x && b instanceof Long y) {
                return Math.addExact(x, y);
            }
            if (a instanceof CelUInt x && b instanceof CelUInt y) {
                long sum = x.bits() + y.bits();
                if (Long.compareUnsigned(sum, x.bits()) < 0) {
                    throw overflow();
                }
                return new CelUInt(sum);
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x + y;
            }
            if (a instanceof String x && b instanceof String y) {
                return x.concat(y);
            }
            if (a instanceof CelBytes x && b instanceof CelBytes y) {
                return x.concat(y);
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                List<Object> joined = new ArrayList<>(x.size() + y.size());
                joined.addAll(x);
                joined.addAll(y);
                return joined;
            }
            if (a instanceof Duration x && b instanceof Duration y) {
                return EvalException.literal(() -> Durations.checkRange(x.plus(y)));
            }
            if (a instanceof Instant x && b instanceof Duration y) {
                return Timestamps.checkRange(x.plus(y));
            }
            if (a instanceof Duration x && b instanceof Instant y) {
                return Timestamps.checkRange(y.plus(x));
            }
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw overflow();
        }
        throw EvalException.noSuchOverload("_+_", a, b);
    }

    static Object subtract(Object a, Object b) {
        try {
            if (a instanceof Long x && b instanceof Long y) {
                return Math.subtractExact(x, y);
            }
            if (a instanceof CelUInt x && b instanceof CelUInt y) {
                if (Long.compareUnsigned(x.bits(), y.bits()) < 0) {
                    throw overflow();
                }
                return new CelUInt(x.bits() - y.bits());
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x - y;
            }
            if (a instanceof Duration x && b instanceof Duration y) {
                return EvalException.literal(() -> Durations.checkRange(x.minus(y)));
            }
            if (a instanceof Instant x && b instanceof Duration y) {
                return Timestamps.checkRange(x.minus(y));
            }
            if (a instanceof Instant x && b instanceof Instant y) {
                // The difference of two timestamps must fit in int64 nanoseconds, as in cel-go.
                Duration difference = Duration.between(y, x);
                if (Math.abs(difference.getSeconds()) >= 9_223_372_036L) {
                    throw overflow();
                }
                return difference;
            }
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw overflow();
        }
        throw EvalException.noSuchOverload("_-_", a, b);
    }

    static Object multiply(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            try {
                return Math.multiplyExact(x, y);
            } catch (ArithmeticException e) {
                throw overflow();
            }
        }
        if (a instanceof CelUInt x && b instanceof CelUInt y) {
            long product = x.bits() * y.bits();
            if (x.bits() != 0 && Long.divideUnsigned(product, x.bits()) != y.bits()) {
                throw overflow();
            }
            return new CelUInt(product);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x * y;
        }
        throw EvalException.noSuchOverload("_*_", a, b);
    }

    static Object divide(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new EvalException(EvalException.Kind.DIVIDE_BY_ZERO, "divide by zero");
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw overflow();
            }
            return x / y;
        }
        if (a instanceof CelUInt x && b instanceof CelUInt y) {
            if (y.bits() == 0) {
                throw new EvalException(EvalException.Kind.DIVIDE_BY_ZERO, "divide by zero");
            }
            return new CelUInt(Long.divideUnsigned(x.bits(), y.bits()));
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x / y;
        }
        throw EvalException.noSuchOverload("_/_", a, b);
    }

    static Object modulo(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new EvalException(EvalException.Kind.DIVIDE_BY_ZERO, "modulus by zero");
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw overflow();
            }
            return x % y;
        }
        if (a instanceof CelUInt x && b instanceof CelUInt y) {
            if (y.bits() == 0) {
                throw new EvalException(EvalException.Kind.DIVIDE_BY_ZERO, "modulus by zero");
            }
            return new CelUInt(Long.remainderUnsigned(x.bits(), y.bits()));
        }
        throw EvalException.noSuchOverload("_%_", a, b);
    }

    static Object negate(Object a) {
        if (a instanceof Long x) {
            if (x == Long.MIN_VALUE) {
                throw overflow();
            }
            return -x;
        }
        if (a instanceof Double x) {
            return -x;
        }
        if (a instanceof Duration x) {
            return EvalException.literal(() -> Durations.checkRange(x.negated()));
        }
        throw EvalException.noSuchOverload("-_", a);
    }

    private static EvalException overflow() {
        return new EvalException(EvalException.Kind.OVERFLOW, "return error for overflow");
    }
}
