package dev.runbook.model;

import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ValueType;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.Expression;
import dev.runbook.syntax.RawNode;
import dev.runbook.ast.SourceSpan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A step of the model from its node: id, action (with the keys written beside a shorthand), flow and checks. */
final class StepBuilder {
    private final ModelBuilder model;
    private final Diagnostics diagnostics;
    private final ActionKinds kinds;
    private final ValueReader values;
    private final ActionBuilder actions;

    StepBuilder(ModelBuilder model, Diagnostics diagnostics, ActionKinds kinds, ValueReader values, ActionBuilder actions) {
        this.model = model;
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.values = values;
        this.actions = actions;
    }

    Step step(RawNode node) {
        RawNode.MapNode map = model.asMap(node, "a step");
        if (map == null) {
            return null;
        }
        List<String> known = new ArrayList<>(ModelBuilder.STEP_KEYS);
        known.addAll(kinds.names());
        // An action in shorthand may have its other keys beside it (manual: TEXT with ask:, call: PATH with with:).
        for (RawNode.Entry entry : map.entries()) {
            kinds.find(entry.key()).ifPresent(kind -> kind.descriptor().keyNames().stream()
                    .filter(k -> !ModelBuilder.STEP_KEYS.contains(k) && !known.contains(k)).forEach(known::add));
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
        Map<String, RawNode.Entry> e = model.entries(map, known, "step" + stepLabel(map));
        if (misspeltKind != null) {
            e.remove(misspeltKind.key());
        }
        String id = null;
        if (e.containsKey("id")) {
            id = values.string(e.get("id").value(), "id");
            if (id != null && !ModelBuilder.STEP_ID.matcher(id).matches()) {
                diagnostics.error(e.get("id").value().span(), "step id '" + id
                        + "' must be lower-case letters, digits and _, starting with a letter or _");
            }
        } else {
            diagnostics.error(map.span(), "a step needs an 'id:'");
        }
        List<RawNode.Entry> actionEntries = e.values().stream()
                .filter(x -> !ModelBuilder.STEP_KEYS.contains(x.key()) && kinds.find(x.key()).isPresent()).toList();
        List<RawNode.Entry> siblings = e.values().stream()
                .filter(x -> !ModelBuilder.STEP_KEYS.contains(x.key()) && kinds.find(x.key()).isEmpty()).toList();
        Action action = null;
        if (actionEntries.isEmpty() && misspeltKind == null) {
            diagnostics.error(map.span(), "step" + stepLabel(map) + " has no action: give one of "
                    + String.join(", ", kinds.names()));
        } else if (!actionEntries.isEmpty()) {
            if (actionEntries.size() > 1) {
                diagnostics.error(actionEntries.get(1).keySpan(), "step" + stepLabel(map) + " has two actions, '"
                        + actionEntries.get(0).key() + "' and '" + actionEntries.get(1).key() + "': one step does one thing");
            }
            action = actions.build(actionEntries.get(0), siblings, true);
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
            RawNode.MapNode captureMap = model.asMap(e.get("capture").value(), "capture");
            if (captureMap != null) {
                for (RawNode.Entry c : model.entries(captureMap, null, "capture").values()) {
                    if (!ModelBuilder.NAME.matcher(c.key()).matches()) {
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
            if (items != null && items.ast() instanceof dev.runbook.ast.Expr.CreateList list) {
                itemsNode = listNode(list, itemsNode.span());
                items = null;
            }
            Value written = itemsNode instanceof RawNode.ListNode ? values.read(itemsNode, ValueType.DATA, "for_each") : null;
            String as = e.containsKey("as") ? values.string(e.get("as").value(), "as") : null;
            if (as != null && !ModelBuilder.NAME.matcher(as).matches()) {
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
                ? model.choice(e.get("on_failure").value(), "on_failure", Step.OnFailure.class) : null;
        Action rollback = null;
        if (e.containsKey("rollback")) {
            RawNode.MapNode rollbackMap = model.asMap(e.get("rollback").value(), "rollback");
            if (rollbackMap != null) {
                Map<String, RawNode.Entry> r = model.entries(rollbackMap, new ArrayList<>(kinds.names()), "rollback");
                if (r.size() != 1) {
                    diagnostics.error(rollbackMap.span(), "rollback must hold exactly one action, such as shell: or sql:");
                } else {
                    rollback = actions.build(r.values().iterator().next(), List.of(), true);
                }
            }
        }
        Step.Severity severity = e.containsKey("severity")
                ? model.choice(e.get("severity").value(), "severity", Step.Severity.class) : null;
        Effect effects = e.containsKey("effects") ? model.choice(e.get("effects").value(), "effects", Effect.class) : null;
        dev.runbook.syntax.Template hint = e.containsKey("hint") ? values.text(e.get("hint").value(), "hint") : null;
        return new Step(id, model.optionalString(e, "title"), model.optionalString(e, "description"), when, expect, captures,
                timeout, retry, forEach, onFailure, rollback, severity, effects, action, hint, map.span());
    }

    private static String stepLabel(RawNode.MapNode map) {
        for (RawNode.Entry entry : map.entries()) {
            if (entry.key().equals("id") && entry.value() instanceof RawNode.Scalar s) {
                return " '" + s.text() + "'";
            }
        }
        return "";
    }

    private Step.Retry retry(RawNode node) {
        RawNode.MapNode map = model.asMap(node, "retry");
        if (map == null) {
            return null;
        }
        Map<String, RawNode.Entry> e = model.entries(map, ModelBuilder.RETRY_KEYS, "retry");
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

    /** The elements of a list literal as nodes, its strings read as text with templates (as YAML strings are). */
    private static RawNode listNode(dev.runbook.ast.Expr.CreateList list, SourceSpan whole) {
        List<RawNode> items = new ArrayList<>();
        for (dev.runbook.ast.Expr element : list.elements()) {
            SourceSpan span = element.span() == null ? whole : element.span();
            boolean string = element instanceof dev.runbook.ast.Expr.Literal literal && literal.value() instanceof String;
            items.add(new RawNode.ExprNode(new Expression(dev.runbook.expr.ExprPrinter.print(element), element), span,
                    string ? span : null));
        }
        return new RawNode.ListNode(items, whole);
    }
}
