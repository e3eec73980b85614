package dev.runbook.cli;

import dev.runbook.check.Checker;
import dev.runbook.model.RunbookLoader;
import dev.runbook.syntax.Diagnostic;
import dev.runbook.syntax.DiagnosticRenderer;
import dev.runbook.syntax.SourceFile;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Loading and checking a file the way every command does, and printing its diagnostics compiler style. */
final class LoadedRunbooks {
    private LoadedRunbooks() {
    }

    /** The file loaded and checked; when it has errors they are printed and null is returned. */
    static RunbookLoader.Loaded loadValid(RunbookLoader loader, Checker checker, Path file, PrintWriter err) {
        return loadValid(loader, checker, file, err, runbook -> { });
    }

    /** As {@link #loadValid(RunbookLoader, Checker, Path, PrintWriter)}, handing the parsed runbook on before checking. */
    static RunbookLoader.Loaded loadValid(RunbookLoader loader, Checker checker, Path file, PrintWriter err,
                                          java.util.function.Consumer<dev.runbook.model.Runbook> parsed) {
        RunbookLoader.Loaded loaded = loader.load(file, file.toString());
        if (loaded.runbook() != null) {
            parsed.accept(loaded.runbook());
        }
        checker.check(loaded);
        if (loaded.ok()) {
            return loaded;
        }
        print(loaded, err, true);
        return null;
    }

    /** Prints the diagnostics (only the errors, when asked) and returns how many errors and warnings there were. */
    static int[] print(RunbookLoader.Loaded loaded, PrintWriter err, boolean errorsOnly) {
        SourceFile source = loaded.source() != null ? loaded.source() : new SourceFile(loaded.path().toString(), "");
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : loaded.diagnostics().all()) {
            if (d.isError()) {
                errors++;
            } else {
                warnings++;
                if (errorsOnly) {
                    continue;
                }
            }
            err.print(DiagnosticRenderer.render(d, source));
        }
        if (loaded.diagnostics().dropped() > 0) {
            err.println(loaded.path() + ": " + loaded.diagnostics().dropped() + " more errors not shown");
            errors += loaded.diagnostics().dropped();
        }
        err.flush();
        return new int[] {errors, warnings};
    }
}
