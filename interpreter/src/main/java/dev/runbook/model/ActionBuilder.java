package dev.runbook.model;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.RawNode;
import dev.runbook.ast.SourceSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An action of the model: its kind's keys read by their types, a shorthand value expanded as its kind says. */
final class ActionBuilder {
    private final Diagnostics diagnostics;
    private final ActionKinds kinds;
    private final ValueReader values;

    ActionBuilder(Diagnostics diagnostics, ActionKinds kinds, ValueReader values) {
        this.diagnostics = diagnostics;
        this.kinds = kinds;
        this.values = values;
    }

    /**
     * An action from KIND: value, with the keys written beside a shorthand value (manual: TEXT with ask: beside it).
     * {@code complete} asks for required keys (defaults need not be complete).
     */
    Action build(RawNode.Entry entry, List<RawNode.Entry> siblings, boolean complete) {
        ActionKind kind = kinds.find(entry.key()).orElse(null);
        if (kind == null) {
            diagnostics.error(entry.keySpan(), "unknown step kind '" + entry.key() + "'"
                    + Suggestions.didYouMean(entry.key(), kinds.names()));
            return null;
        }
        ActionDescriptor descriptor = kind.descriptor();
        RawNode node = entry.value();
        List<RawNode.Entry> raw = new ArrayList<>();
        if (node instanceof RawNode.MapNode map) {
            raw.addAll(map.entries());
            for (RawNode.Entry sibling : siblings) {
                diagnostics.error(sibling.keySpan(), "'" + sibling.key() + "' goes inside " + entry.key()
                        + ": when " + entry.key() + " is written as a map");
            }
        } else {
            raw.addAll(expandShorthand(kind, node));
            for (RawNode.Entry sibling : siblings) {
                if (descriptor.key(sibling.key()).isEmpty()) {
                    diagnostics.error(sibling.keySpan(), "unknown key '" + sibling.key() + "' in a " + entry.key() + " step"
                            + Suggestions.didYouMean(sibling.key(), descriptor.keyNames()));
                } else {
                    raw.add(sibling);
                }
            }
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
}
