package dev.runbook.model;

import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.DslReader;
import dev.runbook.syntax.RawNode;
import dev.runbook.syntax.RunbookFiles;
import dev.runbook.syntax.SourceFile;
import dev.runbook.syntax.YamlReader;

import java.nio.file.Path;

/** Reads a runbook file of either form into the model, collecting every diagnostic on the way. */
public final class RunbookLoader {
    private final ActionKinds kinds;

    public RunbookLoader(ActionKinds kinds) {
        this.kinds = kinds;
    }

    /** What reading one file gave: its text (null if unreadable), the model (null if unusable), diagnostics. */
    public record Loaded(Path path, SourceFile source, Runbook runbook, Diagnostics diagnostics) {
        public boolean ok() {
            return runbook != null && !diagnostics.hasErrors();
        }
    }

    public Loaded load(Path path, String displayPath) {
        Diagnostics diagnostics = new Diagnostics();
        SourceFile source = RunbookFiles.read(path, displayPath, diagnostics);
        if (source == null) {
            return new Loaded(path, null, null, diagnostics);
        }
        return new Loaded(path, source, parse(source, diagnostics), diagnostics);
    }

    public Runbook parse(SourceFile source, Diagnostics diagnostics) {
        RawNode root = RunbookFiles.formOf(source.path()) == RunbookFiles.Form.DSL
                ? DslReader.read(source, diagnostics, kinds)
                : YamlReader.read(source, diagnostics);
        return root == null ? null : ModelBuilder.build(root, diagnostics, kinds);
    }

    public ActionKinds kinds() {
        return kinds;
    }
}
