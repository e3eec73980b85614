package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.check.Checker;
import dev.runbook.convert.DslWriter;
import dev.runbook.convert.YamlWriter;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runbook convert FILE --to yaml|dsl [-o OUT]}: one form into the other. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a runbook between the YAML form (.rb.yaml) and the DSL form (.runbook).")
public final class ConvertCommand implements Callable<Integer> {
    enum Form { yaml, dsl }

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook to convert.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "yaml|dsl", description = "The form to write: ${COMPLETION-CANDIDATES}.")
    Form to;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write here instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        RunbookLoader.Loaded loaded = LoadedRunbooks.loadValid(loader, new Checker(loader), file,
                spec.commandLine().getErr());
        if (loaded == null) {
            spec.commandLine().getErr().println("runbook: not converted: " + file + " has errors");
            return ExitCode.INVALID.code();
        }
        String text = to == Form.yaml ? YamlWriter.write(loaded.runbook()) : DslWriter.write(loaded.runbook());
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("runbook: cannot write " + output + ": " + e.getMessage());
            return ExitCode.INVALID.code();
        }
        return ExitCode.OK.code();
    }
}
