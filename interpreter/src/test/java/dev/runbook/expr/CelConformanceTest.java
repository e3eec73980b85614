package dev.runbook.expr;

import dev.runbook.ast.CelBytes;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.CelUInt;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.Expressions;
import dev.runbook.ast.SourceSpan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every case of the CEL project's conformance suite (carried as test resources under cel-conformance/) through the parser and
 * evaluator. Cases allowed to fail are listed, each with its reason, in cel-conformance-allowed-failures.txt;
 * the test fails when an unlisted case fails, and when a listed case passes (so the list never goes stale).
 */
class CelConformanceTest {

    record Case(String id, String expr, Map<String, Object> bindings, Map<String, Object> expect) {
    }

    /** The cases the repository carries (test resources, with the CEL project's notice); -Dcel.conformance=DIR reads others. */
    static Path conformanceDir() {
        String other = System.getProperty("cel.conformance");
        if (other != null) {
            return Path.of(other);
        }
        try {
            return Path.of(CelConformanceTest.class.getResource("/cel-conformance").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(conformanceDir())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> doc = (Map<String, Object>) dev.runbook.stdlib.Json.parse(Files.readString(file));
                String base = file.getFileName().toString().replace(".json", "");
                for (Object raw : (List<Object>) doc.get("cases")) {
                    Map<String, Object> c = (Map<String, Object>) raw;
                    String id = base + "/" + c.get("section") + "/" + c.get("name");
                    Map<String, Object> bindings = c.get("bindings") instanceof Map<?, ?> m
                            ? (Map<String, Object>) m : Map.of();
                    cases.add(new Case(id, (String) c.get("expr"), bindings, (Map<String, Object>) c.get("expect")));
                }
            }
        }
        return cases;
    }

    static Map<String, String> allowedFailures() throws IOException {
        Map<String, String> allowed = new TreeMap<>();
        try (var in = CelConformanceTest.class.getResourceAsStream("/cel-conformance-allowed-failures.txt")) {
            if (in == null) {
                return allowed;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int sep = trimmed.indexOf(" -- ");
                if (sep < 0) {
                    fail("allowed failure without a reason: " + trimmed);
                }
                allowed.put(trimmed.substring(0, sep).strip(), trimmed.substring(sep + 4).strip());
            }
        }
        return allowed;
    }

    /** Null when the case passes, else why not. */
    static String run(Evaluator evaluator, Case c) {
        Diagnostics diagnostics = new Diagnostics();
        Expression expression;
        try {
            expression = Expressions.parse(c.expr(), SourceSpan.at("conformance", 1, 1), diagnostics);
        } catch (RuntimeException e) {
            return "parser crashed: " + e;
        }
        boolean wantsError = c.expect().containsKey("error") || c.expect().containsKey("anyError");
        if (expression == null) {
            return wantsError ? null : "parse error: " + diagnostics.all().get(0).message();
        }
        Map<String, Object> bindings = new HashMap<>();
        c.bindings().forEach((name, value) -> bindings.put(name, decode(value)));
        Object actual;
        try {
            actual = evaluator.evaluate(expression.ast(), Activation.of(bindings));
        } catch (EvalException e) {
            return wantsError ? null : "error: " + e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "crashed: " + e;
        }
        if (wantsError) {
            return "expected an error, got " + Values.format(actual);
        }
        Object expected = decode(c.expect().get("value"));
        return sameValue(expected, actual) ? null
                : "expected " + Values.format(expected) + ", got " + Values.format(actual);
    }

    /** Typed equality: the type must match too, doubles bitwise except NaN, maps as entry sets. */
    static boolean sameValue(Object expected, Object actual) {
        if (!Values.typeOf(expected).equals(Values.typeOf(actual))) {
            return false;
        }
        if (expected instanceof Double e && actual instanceof Double a) {
            return e.isNaN() && a.isNaN() || e.equals(a);
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!sameValue(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object other = a.get(entry.getKey());
                if (other == null || !sameValue(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    @SuppressWarnings("unchecked")
    static Object decode(Object typed) {
        Map<String, Object> value = (Map<String, Object>) typed;
        Map.Entry<String, Object> only = value.entrySet().iterator().next();
        Object v = only.getValue();
        return switch (only.getKey()) {
            case "int" -> Long.parseLong((String) v);
            case "uint" -> new CelUInt(Long.parseUnsignedLong((String) v));
            case "double" -> v instanceof String s
                    ? switch (s) {
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        default -> Double.NEGATIVE_INFINITY;
                    }
                    : ((Number) v).doubleValue();
            case "string" -> v;
            case "bytes" -> CelBytes.of(Base64.getDecoder().decode((String) v));
            case "bool" -> v;
            case "null" -> CelNull.NULL;
            case "list" -> ((List<Object>) v).stream().map(CelConformanceTest::decode).toList();
            case "map" -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Object pair : (List<Object>) v) {
                    List<Object> kv = (List<Object>) pair;
                    map.put(decode(kv.get(0)), decode(kv.get(1)));
                }
                yield map;
            }
            case "type" -> new CelType((String) v);
            default -> throw new IllegalArgumentException("unknown value kind " + only.getKey());
        };
    }

    @Test
    void everyCaseOutsideTheAllowedListPassesAndEveryListedCaseStillFails() throws IOException {
        List<Case> cases = cases();
        Map<String, String> allowed = allowedFailures();
        Evaluator evaluator = Evaluator.standard();
        int passed = 0;
        List<String> unexpectedFailures = new ArrayList<>();
        List<String> unexpectedPasses = new ArrayList<>();
        for (Case c : cases) {
            String failure = run(evaluator, c);
            if (failure == null) {
                passed++;
                if (allowed.containsKey(c.id())) {
                    unexpectedPasses.add(c.id());
                }
            } else if (!allowed.containsKey(c.id())) {
                unexpectedFailures.add(c.id() + " -- " + c.expr() + " -- " + failure);
            }
        }
        int failed = cases.size() - passed;
        System.out.println("CEL conformance: " + passed + " passed, " + failed + " failed of " + cases.size());
        assertTrue(cases.size() >= 1000, "the suite was not found or is incomplete: " + cases.size() + " cases");
        if (!unexpectedFailures.isEmpty() || !unexpectedPasses.isEmpty()) {
            fail("unlisted failures:\n  " + String.join("\n  ", unexpectedFailures)
                    + "\nlisted but now passing (remove from the list):\n  " + String.join("\n  ", unexpectedPasses));
        }
    }
}
