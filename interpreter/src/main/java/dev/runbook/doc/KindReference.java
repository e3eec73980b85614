package dev.runbook.doc;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;

import java.util.TreeSet;

/**
 * The reference of every action kind — its keys and the result fields its expectations and later steps read —
 * written from the kinds' own descriptors, so that docs/language.md cannot drift from the code (a test compares).
 */
public final class KindReference {
    private KindReference() {
    }

    public static String markdown(ActionKinds kinds) {
        StringBuilder out = new StringBuilder();
        for (String name : new TreeSet<>(kinds.names())) {
            ActionDescriptor d = kinds.find(name).orElseThrow().descriptor();
            out.append("### ").append(name).append("\n\n");
            out.append("| key | | what |\n|---|---|---|\n");
            for (KeySpec key : d.keys()) {
                out.append("| `").append(key.name()).append("` | ").append(key.required() ? "required" : "optional")
                        .append(" | ").append(cell(key.description()));
                if (!key.choices().isEmpty()) {
                    out.append(" (one of ").append(String.join(", ", key.choices())).append(')');
                }
                out.append(" |\n");
            }
            if (d.shorthandKey() != null) {
                out.append("\nShorthand: `").append(name).append(": VALUE` sets `").append(d.shorthandKey()).append("`.\n");
            }
            if (!d.results().isEmpty()) {
                out.append("\n| result field | type | what |\n|---|---|---|\n");
                for (ResultField field : d.results()) {
                    out.append("| `").append(field.name()).append("` | ").append(celType(field.celType())).append(" | ")
                            .append(cell(field.description())).append(" |\n");
                }
            }
            if (d.defaultExpect() != null) {
                out.append("\nWithout `expect`: ").append(d.defaultExpect()).append(".\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String celType(String type) {
        return type.equals("google.protobuf.Duration") ? "duration" : type;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
