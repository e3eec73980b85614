package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.check.Checker;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.RunbookFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runbook check PATH...}: every diagnostic of every file, compiler style. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse and validate runbook files, or every *.rb.yaml / *.runbook under a folder.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to check.")
    List<Path> paths;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "Print only diagnostics, no summary.")
    boolean quiet;

    @CommandLine.Option(names = "--verbose", description = "Also say what a folder's walk skipped (build output, ignored files).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        boolean missing = false;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try {
                    dev.runbook.syntax.RunbookWalk.Result walk = dev.runbook.syntax.RunbookWalk.under(path);
                    files.addAll(walk.files());
                    if (verbose) {
                        walk.skipped().forEach(skipped -> out.println("skipped " + skipped));
                    }
                } catch (IOException e) {
                    err.println("runbook: cannot read folder " + path + ": " + e.getMessage());
                    missing = true;
                }
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                err.println(path + ": error: no such file or folder");
                missing = true;
            }
        }
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        Checker checker = new Checker(loader);
        int errors = 0;
        int warnings = 0;
        int badFiles = 0;
        for (Path file : files) {
            RunbookLoader.Loaded loaded = loader.load(file, file.toString());
            checker.check(loaded);
            int[] counts = LoadedRunbooks.print(loaded, err, false);
            errors += counts[0];
            warnings += counts[1];
            if (loaded.diagnostics().hasErrors()) {
                badFiles++;
            }
        }
        if (!quiet) {
            out.printf("checked %d file%s: %d error%s, %d warning%s%s%n", files.size(), files.size() == 1 ? "" : "s",
                    errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
                    badFiles > 0 ? " (" + badFiles + " invalid)" : "");
        }
        err.flush();
        return errors > 0 || missing ? ExitCode.INVALID.code() : ExitCode.OK.code();
    }
}
