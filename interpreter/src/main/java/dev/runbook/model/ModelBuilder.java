package dev.runbook.model;

import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.ValueType;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.RawNode;
import dev.runbook.syntax.Template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the {@link Runbook} from raw nodes of either form: known keys only (with a did-you-mean), values of
 * the right type, required keys present, ids well formed. Every problem is reported and building goes on.
 */
public final class ModelBuilder {
    static final Pattern RUNBOOK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final Pattern STEP_ID = Pattern.compile("[a-z_][a-z0-9_]*");
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final List<String> RUNBOOK_KEYS = List.of("runbook", "title", "description", "owner", "schedule", "tags",
            "params", "environments", "secrets", "databases", "defaults", "steps", "finally");
    static final List<String> PARAM_KEYS = List.of("type", "default", "description", "required", "pattern", "enum");
    /** The keys every step may have, whatever its action. */
    public static final List<String> STEP_KEYS = List.of("id", "title", "description", "when", "expect", "capture",
            "timeout", "retry", "for_each", "as", "parallel", "on_failure", "rollback", "severity", "effects", "hint");
    static final List<String> RETRY_KEYS = List.of("attempts", "interval", "backoff", "until");

    private final Diagnostics diagnostics;
    private final ActionKinds kinds;
    private final ValueReader values;
    private final ActionBuilder actions;
    private final StepBuilder steps;

    private ModelBuilder(Diagnostics diagnostics, ActionKinds kinds) {
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.values = new ValueReader(diagnostics);
        this.actions = new ActionBuilder(diagnostics, kinds, values);
        this.steps = new StepBuilder(this, diagnostics, kinds, values, actions);
    }

    public static Runbook build(RawNode root, Diagnostics diagnostics, ActionKinds kinds) {
        return new ModelBuilder(diagnostics, kinds).runbook(root);
    }

    /** A map node's entries by key after reporting unknown and repeated keys. */
    Map<String, RawNode.Entry> entries(RawNode.MapNode map, List<String> known, String where) {
        Map<String, RawNode.Entry> byKey = new LinkedHashMap<>();
        for (RawNode.Entry entry : map.entries()) {
            if (byKey.containsKey(entry.key())) {
                diagnostics.error(entry.keySpan(), "'" + entry.key() + "' is given twice in " + where
                        + " (first at line " + byKey.get(entry.key()).keySpan().line() + ")");
                continue;
            }
            if (known != null && !known.contains(entry.key())) {
                diagnostics.error(entry.keySpan(), "unknown key '" + entry.key() + "' in " + where
                        + Suggestions.didYouMean(entry.key(), known));
                continue;
            }
            byKey.put(entry.key(), entry);
        }
        return byKey;
    }

    RawNode.MapNode asMap(RawNode node, String what) {
        if (node instanceof RawNode.MapNode map) {
            return map;
        }
        diagnostics.error(node.span(), what + " must be a map of keys, not " + ValueReader.describe(node));
        return null;
    }

    private Runbook runbook(RawNode root) {
        RawNode.MapNode map = asMap(root, "a runbook");
        if (map == null) {
            return null;
        }
        Map<String, RawNode.Entry> e = entries(map, RUNBOOK_KEYS, "the runbook");
        String id = null;
        if (e.containsKey("runbook")) {
            id = values.string(e.get("runbook").value(), "runbook");
            if (id != null && !RUNBOOK_ID.matcher(id).matches()) {
                diagnostics.error(e.get("runbook").value().span(), "runbook id '" + id
                        + "' must be lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
        } else {
            diagnostics.error(map.span(), "missing 'runbook:' (the runbook's id, such as team.daily-check)");
        }
        String title = optionalString(e, "title");
        if (!e.containsKey("title")) {
            diagnostics.error(map.span(), "missing 'title:' (what the runbook is for, in a few words)");
        }
        List<String> tags = new ArrayList<>();
        if (e.containsKey("tags")) {
            RawNode node = e.get("tags").value();
            Value list = values.read(node, ValueType.STRING_LIST, "tags");
            if (list instanceof Value.ListValue l) {
                l.items().forEach(v -> tags.add(((Value.Plain) v).text()));
            }
        }
        List<Runbook.Param> params = e.containsKey("params") ? params(e.get("params").value()) : List.of();
        Map<String, Runbook.Param> paramsByName = new HashMap<>();
        params.forEach(p -> paramsByName.put(p.name(), p));
        List<Runbook.EnvironmentSet> environments = e.containsKey("environments")
                ? environments(e.get("environments").value(), paramsByName) : List.of();
        List<Runbook.Secret> secrets = e.containsKey("secrets") ? secrets(e.get("secrets").value()) : List.of();
        List<Runbook.Database> databases = e.containsKey("databases") ? databases(e.get("databases").value()) : List.of();
        Runbook.Defaults defaults = e.containsKey("defaults") ? defaults(e.get("defaults").value()) : Runbook.Defaults.NONE;
        List<Step> steps = List.of();
        if (e.containsKey("steps")) {
            steps = steps(e.get("steps").value(), "steps");
            if (steps.isEmpty() && e.get("steps").value() instanceof RawNode.ListNode) {
                diagnostics.error(e.get("steps").keySpan(), "a runbook needs at least one step");
            }
        } else {
            diagnostics.error(map.span(), "missing 'steps:' (the list of what the runbook does)");
        }
        List<Step> finallySteps = e.containsKey("finally") ? steps(e.get("finally").value(), "finally") : List.of();
        return new Runbook(id, title, optionalString(e, "description"), optionalString(e, "owner"),
                optionalString(e, "schedule"), tags, params, environments, secrets, databases, defaults, steps,
                finallySteps, map.span());
    }

    String optionalString(Map<String, RawNode.Entry> e, String key) {
        return e.containsKey(key) ? values.string(e.get(key).value(), key) : null;
    }

    private List<Runbook.Param> params(RawNode node) {
        RawNode.MapNode map = asMap(node, "params");
        List<Runbook.Param> params = new ArrayList<>();
        if (map == null) {
            return params;
        }
        for (RawNode.Entry entry : entries(map, null, "params").values()) {
            String name = entry.key();
            if (!NAME.matcher(name).matches()) {
                diagnostics.error(entry.keySpan(), "param name '" + name + "' must be a name (letters, digits, _)");
            }
            RawNode.MapNode body = entry.value() instanceof RawNode.MapNode m ? m : null;
            if (body == null) {
                // params: { name: value } is a param of type string with that default.
                Value value = values.read(entry.value(), ValueType.DATA, "params." + name);
                params.add(new Runbook.Param(name, typeOfDefault(value), value, null, false, null, List.of(),
                        entry.keySpan()));
                continue;
            }
            Map<String, RawNode.Entry> e = entries(body, PARAM_KEYS, "param '" + name + "'");
            Runbook.ParamType type = Runbook.ParamType.STRING;
            if (e.containsKey("type")) {
                String typeName = values.string(e.get("type").value(), "type");
                try {
                    type = Runbook.ParamType.valueOf(String.valueOf(typeName).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    List<String> names = java.util.Arrays.stream(Runbook.ParamType.values()).map(Runbook.ParamType::label).toList();
                    diagnostics.error(e.get("type").value().span(), "unknown param type '" + typeName + "'; one of "
                            + String.join(", ", names) + Suggestions.didYouMean(String.valueOf(typeName), names));
                }
            }
            Value defaultValue = e.containsKey("default")
                    ? values.read(e.get("default").value(), valueTypeOf(type), "the default of param '" + name + "'")
                    : null;
            boolean required = e.containsKey("required")
                    && Boolean.TRUE.equals(values.bool(e.get("required").value(), "required"));
            String pattern = optionalString(e, "pattern");
            if (pattern != null) {
                try {
                    com.google.re2j.Pattern.compile(pattern);
                } catch (com.google.re2j.PatternSyntaxException ex) {
                    diagnostics.error(e.get("pattern").value().span(), "pattern is not a valid regular expression: "
                            + ex.getDescription());
                }
            }
            List<Value> choices = new ArrayList<>();
            if (e.containsKey("enum")) {
                RawNode choicesNode = e.get("enum").value();
                if (choicesNode instanceof RawNode.ListNode list) {
                    for (RawNode item : list.items()) {
                        Value choice = values.read(item, valueTypeOf(type), "each enum value of param '" + name + "'");
                        if (choice != null) {
                            choices.add(choice);
                        }
                    }
                } else {
                    diagnostics.error(choicesNode.span(), "enum must be a list of allowed values");
                }
            }
            if (required && defaultValue != null) {
                diagnostics.error(e.get("required").keySpan(), "param '" + name
                        + "' is required and has a default: one or the other");
            }
            params.add(new Runbook.Param(name, type, defaultValue, optionalString(e, "description"), required,
                    pattern, choices, entry.keySpan()));
        }
        return params;
    }

    private static Runbook.ParamType typeOfDefault(Value value) {
        if (value instanceof Value.IntValue) {
            return Runbook.ParamType.INT;
        }
        if (value instanceof Value.DoubleValue) {
            return Runbook.ParamType.DOUBLE;
        }
        if (value instanceof Value.BoolValue) {
            return Runbook.ParamType.BOOL;
        }
        if (value instanceof Value.ListValue) {
            return Runbook.ParamType.LIST;
        }
        if (value instanceof Value.MapValue) {
            return Runbook.ParamType.MAP;
        }
        return Runbook.ParamType.STRING;
    }

    static ValueType valueTypeOf(Runbook.ParamType type) {
        return switch (type) {
            case STRING -> ValueType.TEXT;
            case INT -> ValueType.INTEGER;
            case DOUBLE -> ValueType.NUMBER;
            case BOOL -> ValueType.BOOLEAN;
            case DURATION -> ValueType.DURATION;
            case LIST, MAP -> ValueType.DATA;
        };
    }

    private List<Runbook.EnvironmentSet> environments(RawNode node, Map<String, Runbook.Param> params) {
        RawNode.MapNode map = asMap(node, "environments");
        List<Runbook.EnvironmentSet> out = new ArrayList<>();
        if (map == null) {
            return out;
        }
        for (RawNode.Entry entry : entries(map, null, "environments").values()) {
            RawNode.MapNode body = asMap(entry.value(), "environment '" + entry.key() + "'");
            if (body == null) {
                continue;
            }
            List<Value.Entry> settings = new ArrayList<>();
            for (RawNode.Entry setting : entries(body, null, "environment '" + entry.key() + "'").values()) {
                Runbook.Param param = params.get(setting.key());
                if (param == null) {
                    diagnostics.error(setting.keySpan(), "environment '" + entry.key() + "' sets '" + setting.key()
                            + "', which is not a param" + Suggestions.didYouMean(setting.key(), params.keySet()));
                    continue;
                }
                Value value = values.read(setting.value(), valueTypeOf(param.type()),
                        "environments." + entry.key() + "." + setting.key());
                if (value != null) {
                    settings.add(new Value.Entry(setting.key(), value, setting.keySpan()));
                }
            }
            out.add(new Runbook.EnvironmentSet(entry.key(), settings, entry.keySpan()));
        }
        return out;
    }

    private List<Runbook.Secret> secrets(RawNode node) {
        RawNode.MapNode map = asMap(node, "secrets");
        List<Runbook.Secret> out = new ArrayList<>();
        if (map == null) {
            return out;
        }
        for (RawNode.Entry entry : entries(map, null, "secrets").values()) {
            String variable = values.string(entry.value(), "secrets." + entry.key());
            if (variable != null && !NAME.matcher(variable).matches()) {
                diagnostics.error(entry.value().span(), "secrets." + entry.key()
                        + " must name an environment variable (letters, digits, _), not \"" + variable + "\"");
            }
            out.add(new Runbook.Secret(entry.key(), variable, entry.keySpan()));
        }
        return out;
    }

    private List<Runbook.Database> databases(RawNode node) {
        RawNode.MapNode map = asMap(node, "databases");
        List<Runbook.Database> out = new ArrayList<>();
        if (map == null) {
            return out;
        }
        for (RawNode.Entry entry : entries(map, null, "databases").values()) {
            Template url = values.text(entry.value(), "databases." + entry.key());
            if (url != null) {
                out.add(new Runbook.Database(entry.key(), url, entry.keySpan()));
            }
        }
        return out;
    }

    private Runbook.Defaults defaults(RawNode node) {
        RawNode.MapNode map = asMap(node, "defaults");
        if (map == null) {
            return Runbook.Defaults.NONE;
        }
        List<String> known = new ArrayList<>(List.of("timeout", "on_failure"));
        known.addAll(kinds.names());
        Map<String, RawNode.Entry> e = entries(map, known, "defaults");
        Duration timeout = e.containsKey("timeout") ? values.duration(e.get("timeout").value(), "defaults.timeout") : null;
        Step.OnFailure onFailure = e.containsKey("on_failure")
                ? choice(e.get("on_failure").value(), "defaults.on_failure", Step.OnFailure.class) : null;
        List<Action> kindDefaults = new ArrayList<>();
        for (RawNode.Entry entry : e.values()) {
            if (entry.key().equals("timeout") || entry.key().equals("on_failure")) {
                continue;
            }
            Action action = actions.build(entry, List.of(), false);
            if (action != null) {
                kindDefaults.add(action);
            }
        }
        return new Runbook.Defaults(timeout, onFailure, kindDefaults, map.span());
    }

    private List<Step> steps(RawNode node, String where) {
        List<Step> out = new ArrayList<>();
        if (!(node instanceof RawNode.ListNode list)) {
            diagnostics.error(node.span(), where + " must be a list of steps, not " + ValueReader.describe(node));
            return out;
        }
        for (RawNode item : list.items()) {
            Step step = steps.step(item);
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    <E extends Enum<E>> E choice(RawNode node, String what, Class<E> type) {
        String text = values.string(node, what);
        if (text == null) {
            return null;
        }
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> type == Step.Severity.class ? c.name() : c.name().toLowerCase(Locale.ROOT)).toList();
        int index = names.indexOf(text);
        if (index < 0) {
            diagnostics.error(node.span(), what + " must be one of " + String.join(", ", names) + ", not '" + text + "'"
                    + Suggestions.didYouMean(text, names));
            return null;
        }
        return type.getEnumConstants()[index];
    }

}
