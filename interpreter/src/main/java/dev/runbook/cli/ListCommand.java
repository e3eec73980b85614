package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.model.Runbook;
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

/** {@code runbook list [DIR]}: a table of the runbooks under a folder. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the runbooks under a folder: id, title, owner, schedule, steps, file.")
public final class ListCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "The folder (default: the current one).")
    Path dir;

    @CommandLine.Option(names = "--verbose", description = "Also say what the walk skipped (build output, ignored files).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("runbook: " + dir + " is not a folder");
            return ExitCode.INVALID.code();
        }
        dev.runbook.syntax.RunbookWalk.Result walk = dev.runbook.syntax.RunbookWalk.under(dir);
        List<Path> files = walk.files();
        if (verbose) {
            walk.skipped().forEach(skipped -> err.println("skipped " + skipped));
        }
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "OWNER", "SCHEDULE", "STEPS", "FILE"});
        int invalid = 0;
        for (Path file : files) {
            RunbookLoader.Loaded loaded = loader.load(file, file.toString());
            Runbook r = loaded.runbook();
            if (r == null || loaded.diagnostics().hasErrors()) {
                invalid++;
                rows.add(new String[] {"(invalid: runbook check " + file + ")", "", "", "", "", file.toString()});
                continue;
            }
            rows.add(new String[] {r.id(), r.title(), orDash(r.owner()), orDash(r.schedule()),
                    Integer.toString(r.steps().size() + r.finallySteps().size()), file.toString()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
        return invalid > 0 ? ExitCode.INVALID.code() : ExitCode.OK.code();
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
