package dev.runbook.model;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ValueType;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.RawNode;
import dev.runbook.syntax.SourceSpan;
import dev.runbook.syntax.Template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private ModelBuilder(Diagnostics diagnostics, ActionKinds kinds) {
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.values = new ValueReader(diagnostics);
    }

    public static Runbook build(RawNode root, Diagnostics diagnostics, ActionKinds kinds) {
        return new ModelBuilder(diagnostics, kinds).runbook(root);
    }

    /** A map node's entries by key after reporting unknown and repeated keys. */
    private Map<String, RawNode.Entry> entries(RawNode.MapNode map, List<String> known, String where) {
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

    private RawNode.MapNode asMap(RawNode node, String what) {
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

    private String optionalString(Map<String, RawNode.Entry> e, String key) {
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
            Action action = action(entry, false);
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
            Step step = step(item);
            if (step != null) {
                out.add(step);
            }
        }
        return out;
    }

    private Step step(RawNode node) {
        RawNode.MapNode map = asMap(node, "a step");
        if (map == null) {
            return null;
        }
        List<String> known = new ArrayList<>(STEP_KEYS);
        known.addAll(kinds.names());
        // An action in shorthand may have its other keys beside it (manual: TEXT with ask:, call: PATH with with:).
        for (RawNode.Entry entry : map.entries()) {
            kinds.find(entry.key()).ifPresent(kind -> kind.descriptor().keyNames().stream()
                    .filter(k -> !STEP_KEYS.contains(k) && !known.contains(k)).forEach(known::add));
        }
        // A step without a known action whose unknown key is not a common key: that key is a misspelt kind.
        boolean hasKind = map.entries().stream().anyMatch(x -> kinds.find(x.key()).isPresent());
        RawNode.Entry misspeltKind = hasKind ? null : map.entries().stream()
                .filter(x -> !known.contains(x.key())).findFirst().orElse(null);
        if (misspeltKind != null) {
            diagnostics.error(misspeltKind.keySpan(), "unknown step kind '" + misspeltKind.key() + "'"
                    + Suggestions.didYouMean(misspeltKind.key(), kinds.names()) + "; the kinds are "
                    + String.join(", ", kinds.names()));
            known.add(misspeltKind.key());
        }
        Map<String, RawNode.Entry> e = entries(map, known, "step" + stepLabel(map));
        if (misspeltKind != null) {
            e.remove(misspeltKind.key());
        }
        String id = null;
        if (e.containsKey("id")) {
            id = values.string(e.get("id").value(), "id");
            if (id != null && !STEP_ID.matcher(id).matches()) {
                diagnostics.error(e.get("id").value().span(), "step id '" + id
                        + "' must be lower-case letters, digits and _, starting with a letter or _");
            }
        } else {
            diagnostics.error(map.span(), "a step needs an 'id:'");
        }
        List<RawNode.Entry> actionEntries = e.values().stream()
                .filter(x -> !STEP_KEYS.contains(x.key()) && kinds.find(x.key()).isPresent()).toList();
        List<RawNode.Entry> siblings = e.values().stream()
                .filter(x -> !STEP_KEYS.contains(x.key()) && kinds.find(x.key()).isEmpty()).toList();
        Action action = null;
        if (actionEntries.isEmpty() && misspeltKind == null) {
            diagnostics.error(map.span(), "step" + stepLabel(map) + " has no action: give one of "
                    + String.join(", ", kinds.names()));
        } else if (!actionEntries.isEmpty()) {
            if (actionEntries.size() > 1) {
                diagnostics.error(actionEntries.get(1).keySpan(), "step" + stepLabel(map) + " has two actions, '"
                        + actionEntries.get(0).key() + "' and '" + actionEntries.get(1).key() + "': one step does one thing");
            }
            action = action(withSiblings(actionEntries.get(0), siblings), true);
        }
        Expression when = e.containsKey("when") ? values.expression(e.get("when").value(), "when") : null;
        List<Expression> expect = new ArrayList<>();
        if (e.containsKey("expect")) {
            RawNode expectNode = e.get("expect").value();
            List<RawNode> items = expectNode instanceof RawNode.ListNode l ? l.items() : List.of(expectNode);
            for (RawNode item : items) {
                Expression x = values.expression(item, "expect");
                if (x != null) {
                    expect.add(x);
                }
            }
        }
        List<Step.Capture> captures = new ArrayList<>();
        if (e.containsKey("capture")) {
            RawNode.MapNode captureMap = asMap(e.get("capture").value(), "capture");
            if (captureMap != null) {
                for (RawNode.Entry c : entries(captureMap, null, "capture").values()) {
                    if (!NAME.matcher(c.key()).matches()) {
                        diagnostics.error(c.keySpan(), "capture name '" + c.key() + "' must be a name (letters, digits, _)");
                    }
                    Expression value = values.expression(c.value(), "capture." + c.key());
                    if (value != null) {
                        captures.add(new Step.Capture(c.key(), value, c.keySpan()));
                    }
                }
            }
        }
        Duration timeout = e.containsKey("timeout") ? values.duration(e.get("timeout").value(), "timeout") : null;
        Step.Retry retry = e.containsKey("retry") ? retry(e.get("retry").value()) : null;
        Step.ForEach forEach = null;
        if (e.containsKey("for_each")) {
            // A written-out list (YAML sequence, DSL list) is a list of values whose elements may hold templates.
            // A list literal, in an expression or not, is the same written-out list: both forms read it alike.
            RawNode itemsNode = e.get("for_each").value();
            Expression items = itemsNode instanceof RawNode.ListNode ? null : values.expression(itemsNode, "for_each");
            if (items != null && items.ast() instanceof dev.runbook.expr.Expr.CreateList list) {
                itemsNode = listNode(list, itemsNode.span());
                items = null;
            }
            Value written = itemsNode instanceof RawNode.ListNode ? values.read(itemsNode, ValueType.DATA, "for_each") : null;
            String as = e.containsKey("as") ? values.string(e.get("as").value(), "as") : null;
            if (as != null && !NAME.matcher(as).matches()) {
                diagnostics.error(e.get("as").value().span(), "as must be a name (letters, digits, _)");
            }
            Long parallel = e.containsKey("parallel") ? values.integer(e.get("parallel").value(), "parallel") : null;
            if (parallel != null && (parallel < 1 || parallel > 256)) {
                diagnostics.error(e.get("parallel").value().span(), "parallel must be between 1 and 256");
            }
            if (items != null || written != null) {
                forEach = new Step.ForEach(items, written, as, parallel, e.get("for_each").keySpan());
            }
        } else {
            for (String key : List.of("as", "parallel")) {
                if (e.containsKey(key)) {
                    diagnostics.error(e.get(key).keySpan(), "'" + key + "' belongs with for_each, which this step does not have");
                }
            }
        }
        Step.OnFailure onFailure = e.containsKey("on_failure")
                ? choice(e.get("on_failure").value(), "on_failure", Step.OnFailure.class) : null;
        Action rollback = null;
        if (e.containsKey("rollback")) {
            RawNode.MapNode rollbackMap = asMap(e.get("rollback").value(), "rollback");
            if (rollbackMap != null) {
                Map<String, RawNode.Entry> r = entries(rollbackMap, new ArrayList<>(kinds.names()), "rollback");
                if (r.size() != 1) {
                    diagnostics.error(rollbackMap.span(), "rollback must hold exactly one action, such as shell: or sql:");
                } else {
                    rollback = action(r.values().iterator().next(), true);
                }
            }
        }
        Step.Severity severity = e.containsKey("severity")
                ? choice(e.get("severity").value(), "severity", Step.Severity.class) : null;
        Effect effects = e.containsKey("effects") ? choice(e.get("effects").value(), "effects", Effect.class) : null;
        dev.runbook.syntax.Template hint = e.containsKey("hint") ? values.text(e.get("hint").value(), "hint") : null;
        return new Step(id, optionalString(e, "title"), optionalString(e, "description"), when, expect, captures,
                timeout, retry, forEach, onFailure, rollback, severity, effects, action, hint, map.span());
    }

    /** The entries a shorthand value stands for: a YAML string through the kind's expansion, else its key. */
    private List<RawNode.Entry> expandShorthand(ActionKind kind, RawNode node) {
        List<RawNode.Entry> raw = new ArrayList<>();
        if (node instanceof RawNode.Scalar s && s.resolved() instanceof String text) {
            SourceSpan start = s.contentStart();
            for (Map.Entry<String, String> expanded : kind.expandShorthand(text).entrySet()) {
                // The parts keep the scalar's position; a template inside is located from where its part starts.
                int offset = Math.max(0, text.indexOf(expanded.getValue()));
                // A part that is the whole scalar (manual's text) keeps where the scalar's lines lie in the file.
                SourceSpan at = offset == 0 ? start : SourceSpan.at(start.file(), start.line(), start.column() + offset);
                raw.add(new RawNode.Entry(expanded.getKey(), at,
                        new RawNode.Scalar(expanded.getValue(), expanded.getValue(), at, at)));
            }
        } else if (kind.descriptor().shorthandKey() != null) {
            raw.add(new RawNode.Entry(kind.descriptor().shorthandKey(), node.span(), node));
        } else {
            diagnostics.error(node.span(), kind.descriptor().name() + " needs a map of settings: "
                    + String.join(", ", kind.descriptor().keyNames()));
        }
        return raw;
    }

    /** The action entry with the keys written beside a shorthand moved into it. */
    private RawNode.Entry withSiblings(RawNode.Entry action, List<RawNode.Entry> siblings) {
        if (siblings.isEmpty()) {
            return action;
        }
        if (action.value() instanceof RawNode.MapNode map) {
            for (RawNode.Entry sibling : siblings) {
                diagnostics.error(sibling.keySpan(), "'" + sibling.key() + "' goes inside " + action.key()
                        + ": when " + action.key() + " is written as a map");
            }
            return action;
        }
        ActionDescriptor descriptor = kinds.find(action.key()).orElseThrow().descriptor();
        List<RawNode.Entry> entries = new ArrayList<>();
        entries.add(new RawNode.Entry(SHORTHAND, action.keySpan(), action.value()));
        for (RawNode.Entry sibling : siblings) {
            if (descriptor.key(sibling.key()).isEmpty()) {
                diagnostics.error(sibling.keySpan(), "unknown key '" + sibling.key() + "' in a " + action.key() + " step"
                        + Suggestions.didYouMean(sibling.key(), descriptor.keyNames()));
            } else {
                entries.add(sibling);
            }
        }
        return new RawNode.Entry(action.key(), action.keySpan(), new RawNode.MapNode(entries, action.value().span()));
    }

    /** Stands in a map for the shorthand value an action was written with; expanded by action(). */
    private static final String SHORTHAND = "\u0000shorthand";

    private static String stepLabel(RawNode.MapNode map) {
        for (RawNode.Entry entry : map.entries()) {
            if (entry.key().equals("id") && entry.value() instanceof RawNode.Scalar s) {
                return " '" + s.text() + "'";
            }
        }
        return "";
    }

    private <E extends Enum<E>> E choice(RawNode node, String what, Class<E> type) {
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

    private Step.Retry retry(RawNode node) {
        RawNode.MapNode map = asMap(node, "retry");
        if (map == null) {
            return null;
        }
        Map<String, RawNode.Entry> e = entries(map, RETRY_KEYS, "retry");
        Long attempts = e.containsKey("attempts") ? values.integer(e.get("attempts").value(), "retry.attempts") : null;
        if (attempts != null && (attempts < 1 || attempts > 1000)) {
            diagnostics.error(e.get("attempts").value().span(), "retry.attempts must be between 1 and 1000");
        }
        Duration interval = e.containsKey("interval") ? values.duration(e.get("interval").value(), "retry.interval") : null;
        Double backoff = e.containsKey("backoff") ? values.number(e.get("backoff").value(), "retry.backoff") : null;
        if (backoff != null && backoff < 1.0) {
            diagnostics.error(e.get("backoff").value().span(), "retry.backoff must be 1.0 or more");
        }
        Expression until = e.containsKey("until") ? values.expression(e.get("until").value(), "retry.until") : null;
        return new Step.Retry(attempts, interval, backoff, until, map.span());
    }

    /** An action from KIND: value. {@code complete} asks for required keys (defaults need not be complete). */
    private Action action(RawNode.Entry entry, boolean complete) {
        ActionKind kind = kinds.find(entry.key()).orElse(null);
        if (kind == null) {
            diagnostics.error(entry.keySpan(), "unknown step kind '" + entry.key() + "'"
                    + Suggestions.didYouMean(entry.key(), kinds.names()));
            return null;
        }
        ActionDescriptor descriptor = kind.descriptor();
        RawNode node = entry.value();
        List<RawNode.Entry> raw = new ArrayList<>();
        if (node instanceof RawNode.MapNode map && !map.entries().isEmpty()
                && map.entries().get(0).key().equals(SHORTHAND)) {
            raw.addAll(expandShorthand(kind, map.entries().get(0).value()));
            raw.addAll(map.entries().subList(1, map.entries().size()));
        } else if (node instanceof RawNode.MapNode map) {
            raw.addAll(map.entries());
        } else {
            raw.addAll(expandShorthand(kind, node));
        }
        List<Value.Entry> settings = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (RawNode.Entry setting : raw) {
            KeySpec spec = descriptor.key(setting.key()).orElse(null);
            if (spec == null) {
                diagnostics.error(setting.keySpan(), "unknown key '" + setting.key() + "' in " + entry.key()
                        + Suggestions.didYouMean(setting.key(), descriptor.keyNames())
                        + "; " + entry.key() + " takes " + String.join(", ", descriptor.keyNames()));
                continue;
            }
            if (!seen.add(setting.key())) {
                diagnostics.error(setting.keySpan(), "'" + setting.key() + "' is given twice in " + entry.key());
                continue;
            }
            Value value = values.read(setting.value(), spec.type(), entry.key() + "." + setting.key());
            if (value == null) {
                continue;
            }
            if (!spec.choices().isEmpty() && value instanceof Value.Plain p && !spec.choices().contains(p.text())) {
                diagnostics.error(setting.value().span(), entry.key() + "." + setting.key() + " must be one of "
                        + String.join(", ", spec.choices()) + ", not '" + p.text() + "'"
                        + Suggestions.didYouMean(p.text(), spec.choices()));
                continue;
            }
            settings.add(new Value.Entry(setting.key(), value, setting.keySpan()));
        }
        if (complete) {
            for (KeySpec spec : descriptor.keys()) {
                if (spec.required() && !seen.contains(spec.name())) {
                    diagnostics.error(entry.keySpan(), entry.key() + " needs '" + spec.name() + "' (" + spec.description() + ")");
                }
            }
        }
        return new Action(entry.key(), settings, entry.keySpan());
    }

    /** The elements of a list literal as nodes, its strings read as text with templates (as YAML strings are). */
    private static RawNode listNode(dev.runbook.expr.Expr.CreateList list, SourceSpan whole) {
        List<RawNode> items = new ArrayList<>();
        for (dev.runbook.expr.Expr element : list.elements()) {
            SourceSpan span = element.span() == null ? whole : element.span();
            boolean string = element instanceof dev.runbook.expr.Expr.Literal literal && literal.value() instanceof String;
            items.add(new RawNode.ExprNode(new Expression(dev.runbook.expr.ExprPrinter.print(element), element), span,
                    string ? span : null));
        }
        return new RawNode.ListNode(items, whole);
    }
}
