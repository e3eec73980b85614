package dev.runbook.engine;

import dev.runbook.expr.Activation;
import dev.runbook.ast.CelNull;
import dev.runbook.ast.Durations;

import dev.runbook.expr.JavaValues;
import dev.runbook.expr.Values;
import dev.runbook.model.Runbook;
import dev.runbook.model.Suggestions;
import dev.runbook.model.Value;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * The params of a run, in order of precedence: defaults, then the --env set, then --params-file, then --param.
 * Each value is typed by the param's declared type, and required/enum/pattern are enforced before anything runs.
 */
final class ParamResolver {
    private final Runbook runbook;
    private final Templates templates;
    private final List<String> unusedFileKeys = new ArrayList<>();

    ParamResolver(Runbook runbook, Templates templates) {
        this.runbook = runbook;
        this.templates = templates;
    }

    Map<String, Object> resolve(RunOptions options, Map<String, Object> given) throws RunAbortedException {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Activation staticScope = templates.staticScope();
        for (Runbook.Param p : runbook.params()) {
            if (p.defaultValue() != null) {
                values.put(p.name(), templates.typedValue(p.defaultValue(), staticScope));
            }
        }
        if (options.environment() != null) {
            Runbook.EnvironmentSet set = runbook.environments().stream()
                    .filter(e -> e.name().equals(options.environment())).findFirst().orElse(null);
            if (set == null) {
                List<String> names = runbook.environments().stream().map(Runbook.EnvironmentSet::name).toList();
                throw new RunAbortedException("no environment '" + options.environment() + "' in this runbook"
                        + Suggestions.didYouMean(options.environment(), names)
                        + (names.isEmpty() ? "" : "; it has " + String.join(", ", names)));
            }
            for (Value.Entry entry : set.values()) {
                values.put(entry.key(), templates.value(entry.value(), staticScope));
            }
        }
        if (options.paramsFile() != null) {
            Map<String, Object> file = readParamsFile(options);
            for (Map.Entry<String, Object> entry : file.entrySet()) {
                Runbook.Param p = runbook.param(entry.getKey()).orElse(null);
                if (p != null) {
                    convert(p, JavaValues.toCel(entry.getValue()), "--params-file", problems).ifPresent(v -> values.put(p.name(), v));
                } else {
                    refuseIfMisspelt(entry.getKey(), file.keySet(), problems);
                    unusedFileKeys.add(entry.getKey());
                }
            }
        }
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            Runbook.Param p = param(entry.getKey(), "with", problems);
            if (p != null) {
                convert(p, entry.getValue(), "with", problems).ifPresent(v -> values.put(p.name(), v));
            }
        }
        for (Map.Entry<String, String> entry : options.params().entrySet()) {
            Runbook.Param p = param(entry.getKey(), "--param", problems);
            if (p != null) {
                Object raw = p.type() == Runbook.ParamType.STRING ? entry.getValue()
                        : ExpressionSession.parseVariable(entry.getValue());
                convert(p, raw, "--param " + p.name(), problems).ifPresent(v -> values.put(p.name(), v));
            }
        }
        for (Runbook.Param p : runbook.params()) {
            Object value = values.get(p.name());
            if (value == null) {
                if (p.required()) {
                    problems.add("param '" + p.name() + "' is required: give it with --param " + p.name() + "=VALUE");
                }
                continue;
            }
            if (!p.choices().isEmpty()) {
                List<Object> allowed = new ArrayList<>();
                p.choices().forEach(c -> allowed.add(templates.value(c, staticScope)));
                if (allowed.stream().noneMatch(a -> Values.equal(a, value))) {
                    problems.add("param '" + p.name() + "' must be one of " + String.join(", ",
                            allowed.stream().map(Values::toText).toList()) + ", not " + Values.toText(value));
                }
            }
            if (p.pattern() != null && !Pattern.compile(p.pattern()).matcher(Values.toText(value)).matches()) {
                problems.add("param '" + p.name() + "' = " + Values.toText(value) + " does not match " + p.pattern());
            }
        }
        if (!problems.isEmpty()) {
            throw new RunAbortedException(String.join("\n", problems));
        }
        return values;
    }

    /**
     * Keys of the params file this runbook does not declare (after {@link #resolve}): one params file serves all the
     * runbooks of a platform, as Terraform's variable files do, so each runbook takes the keys it declares.
     */
    List<String> unusedFileKeys() {
        return List.copyOf(unusedFileKeys);
    }

    /**
     * A key of a shared params file that this runbook does not declare is someone else's, unless it looks like a
     * misspelling of a param of this runbook that the file does not give: then it is a mistake, and the run would
     * otherwise go on with the default (perhaps production) value.
     */
    private void refuseIfMisspelt(String key, java.util.Set<String> fileKeys, List<String> problems) {
        List<String> notGiven = runbook.params().stream().map(Runbook.Param::name).filter(n -> !fileKeys.contains(n)).toList();
        Suggestions.misspelling(key, notGiven).ifPresent(meant ->
                problems.add("--params-file: this runbook has no param '" + key + "' (did you mean '" + meant + "'?)"));
    }

    private Runbook.Param param(String name, String where, List<String> problems) {
        Runbook.Param p = runbook.param(name).orElse(null);
        if (p == null) {
            problems.add(where + ": this runbook has no param '" + name + "'"
                    + Suggestions.didYouMean(name, runbook.params().stream().map(Runbook.Param::name).toList()));
        }
        return p;
    }

    private static java.util.Optional<Object> convert(Runbook.Param p, Object value, String where, List<String> problems) {
        Object typed = switch (p.type()) {
            case STRING -> value instanceof String ? value : value instanceof CelNull ? null : Values.toText(value);
            case INT -> value instanceof Long ? value : value instanceof String s ? parseLong(s) : null;
            case DOUBLE -> value instanceof Double ? value : value instanceof Long l ? (Object) l.doubleValue() : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case DURATION -> value instanceof Duration ? value : value instanceof String s ? parseDuration(s) : null;
            case LIST -> value instanceof List ? value : null;
            case MAP -> value instanceof Map ? value : null;
        };
        if (typed == null) {
            problems.add(where + ": param '" + p.name() + "' is " + (p.type() == Runbook.ParamType.INT ? "an " : "a ")
                    + p.type().label() + ", not " + Values.format(value));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(typed);
    }

    private static Object parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parseDuration(String s) {
        try {
            return Durations.parse(s.strip());
        } catch (dev.runbook.ast.LiteralException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    /** A params file is data for one run: as large as a runbook may be, and no larger. */
    static final int MAX_PARAMS_FILE_BYTES = dev.runbook.syntax.RunbookFiles.MAX_BYTES;

    private static Map<String, Object> readParamsFile(RunOptions options) throws RunAbortedException {
        try {
            long size = Files.size(options.paramsFile());
            if (size > MAX_PARAMS_FILE_BYTES) {
                throw new RunAbortedException(String.format("--params-file %s is %.1f MB; a params file may be at most %d MB",
                        options.paramsFile(), size / 1048576.0, MAX_PARAMS_FILE_BYTES / 1048576));
            }
            LoaderOptions loader = new LoaderOptions();
            loader.setMaxAliasesForCollections(10);
            loader.setCodePointLimit(MAX_PARAMS_FILE_BYTES);
            Object data = new Yaml(new SafeConstructor(loader)).load(Files.readString(options.paramsFile()));
            if (data == null) {
                return Map.of();
            }
            if (!(data instanceof Map<?, ?> map)) {
                throw new RunAbortedException("--params-file " + options.paramsFile() + ": must be a map of param names to values");
            }
            return (Map<String, Object>) map;
        } catch (IOException e) {
            throw new RunAbortedException("--params-file " + options.paramsFile() + ": cannot read it (" + e.getMessage() + ")");
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new RunAbortedException("--params-file " + options.paramsFile() + ": not YAML or JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
