package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import static dev.runbook.expr.FunctionRegistry.Signature.returns;
import static dev.runbook.expr.FunctionRegistry.Style.BOTH;
import static dev.runbook.expr.FunctionRegistry.Style.RECEIVER;

/** contains, startsWith, endsWith, matches, size; and the extensions lower, upper, trim, split, replace. */
final class StringFunctions {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private StringFunctions() {
    }

    static void register(FunctionRegistry r) {
        r.define("contains", RECEIVER, returns("bool").on("string"), args -> strings("contains", args, 2, a -> a[0].contains(a[1])));
        r.define("startsWith", RECEIVER, returns("bool").on("string"), args -> strings("startsWith", args, 2, a -> a[0].startsWith(a[1])));
        r.define("endsWith", RECEIVER, returns("bool").on("string"), args -> strings("endsWith", args, 2, a -> a[0].endsWith(a[1])));
        r.define("matches", BOTH, returns("bool").on("string"), args -> strings("matches", args, 2, a -> pattern(a[1]).matcher(a[0]).find()));
        r.define("lower", RECEIVER, returns("string").on("string"), args -> strings("lower", args, 1, a -> a[0].toLowerCase(Locale.ROOT)));
        r.define("upper", RECEIVER, returns("string").on("string"), args -> strings("upper", args, 1, a -> a[0].toUpperCase(Locale.ROOT)));
        r.define("trim", RECEIVER, returns("string").on("string"), args -> strings("trim", args, 1, a -> a[0].strip()));
        r.define("replace", RECEIVER, returns("string").on("string"), args -> strings("replace", args, 3, a -> a[0].replace(a[1], a[2])));
        r.define("split", RECEIVER, returns("list").on("string"), args -> strings("split", args, 2, a -> {
            List<Object> parts = new ArrayList<>();
            if (a[1].isEmpty()) {
                a[0].codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
                return parts;
            }
            int from = 0;
            int at;
            while ((at = a[0].indexOf(a[1], from)) >= 0) {
                parts.add(a[0].substring(from, at));
                from = at + a[1].length();
            }
            parts.add(a[0].substring(from));
            return parts;
        }));
        r.define("size", BOTH, returns("int").on("string", "bytes", "list", "map"), args -> {
            if (args.size() != 1) {
                throw FunctionRegistry.overload("size", args);
            }
            Object v = args.get(0);
            if (v instanceof String s) {
                return (long) s.codePointCount(0, s.length());
            }
            if (v instanceof CelBytes b) {
                return (long) b.size();
            }
            if (v instanceof List<?> l) {
                return (long) l.size();
            }
            if (v instanceof Map<?, ?> m) {
                return (long) m.size();
            }
            throw EvalException.noSuchOverload("size", v);
        });
    }

    private static Object strings(String name, List<Object> args, int arity,
                                  java.util.function.Function<String[], Object> f) {
        if (args.size() != arity) {
            throw FunctionRegistry.overload(name, args);
        }
        String[] values = new String[arity];
        for (int i = 0; i < arity; i++) {
            if (!(args.get(i) instanceof String s)) {
                throw FunctionRegistry.overload(name, args);
            }
            values[i] = s;
        }
        return f.apply(values);
    }

    /**
     * The compiled RE2 pattern (CEL's regular expressions are RE2: matching is linear in the input, whatever the
     * pattern). The cache is bounded: patterns built from data cannot grow it without end.
     */
    private static Pattern pattern(String regex) {
        try {
            if (PATTERNS.size() > 512) {
                PATTERNS.clear();
            }
            return PATTERNS.computeIfAbsent(regex, Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new EvalException(EvalException.Kind.INVALID_ARGUMENT, "invalid regular expression \"" + regex + "\": " + e.getDescription());
        }
    }
}
