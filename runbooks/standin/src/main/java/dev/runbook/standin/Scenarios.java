package dev.runbook.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.runbook.standin.PlatformSpec.Yaml.load;
import static dev.runbook.standin.PlatformSpec.Yaml.map;
import static dev.runbook.standin.PlatformSpec.Yaml.stringMap;
import static dev.runbook.standin.PlatformSpec.Yaml.strings;

/**
 * How each runbook of a platform is run against its stand-in, from {@code runbooks/PLATFORM/standin/scenarios.yaml}:
 * the params, answers, confirmations and approvals a non-interactive run needs, and the broken cases — the faults
 * that break the stand-in, the step that must catch it and what its message must say.
 */
public final class Scenarios {
    /** The step of a broken case the runbook refuses before any step runs (a param against its pattern: exit 2). */
    public static final String NOT_STARTED = "(not started)";

    private Scenarios() {
    }

    /** The healthy run of one runbook file, and its broken cases. */
    public record Scenario(String file, Map<String, String> params, Map<String, String> answers, List<String> confirm,
                           List<String> approve, String operator, List<Broken> broken) {

        /** The exec options of the healthy run. */
        public List<String> arguments() {
            return arguments(params, answers, confirm, approve, operator);
        }

        /** The exec options of a broken case: the healthy ones with the case's own params and answers over them. */
        public List<String> arguments(Broken broken) {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.putAll(broken.params());
            Map<String, String> a = new LinkedHashMap<>(answers);
            a.putAll(broken.answers());
            List<String> c = new ArrayList<>(confirm);
            c.addAll(broken.confirm());
            List<String> ap = new ArrayList<>(approve);
            ap.addAll(broken.approve());
            return arguments(p, a, c, ap, broken.operator() != null ? broken.operator() : operator);
        }

        private static List<String> arguments(Map<String, String> params, Map<String, String> answers,
                                              List<String> confirm, List<String> approve, String operator) {
            List<String> args = new ArrayList<>();
            if (operator != null) {
                args.addAll(List.of("--as", operator));
            }
            params.forEach((k, v) -> args.addAll(List.of("--param", k + "=" + v)));
            answers.forEach((k, v) -> args.addAll(List.of("--answer", k + "=" + v)));
            confirm.forEach(step -> args.addAll(List.of("--confirm", step)));
            approve.forEach(step -> args.addAll(List.of("--approve", step)));
            return args;
        }
    }

    /**
     * A broken case: what breaks (faults of the stand-in, or answers an operator would give when the document's
     * threshold is crossed), the exit code, the step that must fail, the steps marked on_failure: continue that
     * fail on the way (diagnostics whose finding is not the end of the procedure), the text the report must hold,
     * and the steps whose rollbacks must have run.
     */
    public record Broken(String name, List<String> faults, Map<String, String> params, Map<String, String> answers,
                         List<String> confirm, List<String> approve, String operator, int exit, String step,
                         List<String> tolerated, List<String> says, List<String> rollbacks) {
    }

    /** The scenarios of a platform folder, by runbook file name; empty when it has no scenarios.yaml. */
    public static Map<String, Scenario> of(Path platformFolder) throws IOException {
        Path file = platformFolder.resolve("standin/scenarios.yaml");
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return scenarios;
        }
        map(load(file), "scenarios.yaml").forEach((name, value) -> {
            Map<String, Object> s = map(value, name);
            known(s, name, "params", "answers", "confirm", "approve", "as", "broken");
            List<Broken> broken = new ArrayList<>();
            Object cases = s.getOrDefault("broken", List.of());
            if (!(cases instanceof List<?> list)) {
                throw new IllegalArgumentException(name + ".broken: expected a list");
            }
            for (int i = 0; i < list.size(); i++) {
                String where = name + ".broken[" + i + "]";
                Map<String, Object> b = map(list.get(i), where);
                known(b, where, "name", "fault", "params", "answers", "confirm", "approve", "as", "exit", "step",
                        "tolerated", "says", "rollbacks");
                if (!b.containsKey("step") || !b.containsKey("says")) {
                    throw new IllegalArgumentException(where + ": a broken case names the step that catches it and what it says");
                }
                broken.add(new Broken(String.valueOf(b.getOrDefault("name", "broken " + (i + 1))),
                        strings(b.get("fault")), stringMap(b.get("params")), stringMap(b.get("answers")),
                        strings(b.get("confirm")), strings(b.get("approve")),
                        b.containsKey("as") ? String.valueOf(b.get("as")) : null,
                        b.containsKey("exit") ? ((Number) b.get("exit")).intValue() : 1, String.valueOf(b.get("step")),
                        strings(b.get("tolerated")), strings(b.get("says")), strings(b.get("rollbacks"))));
            }
            scenarios.put(name, new Scenario(name, stringMap(s.get("params")), stringMap(s.get("answers")),
                    strings(s.get("confirm")), strings(s.get("approve")),
                    s.containsKey("as") ? String.valueOf(s.get("as")) : null, broken));
        });
        return scenarios;
    }

    private static void known(Map<String, Object> map, String where, String... keys) {
        for (String key : map.keySet()) {
            if (!List.of(keys).contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: " + String.join(", ", keys) + ")");
            }
        }
    }
}
