package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.check.Checker;
import dev.runbook.doc.MarkdownDoc;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.stdlib.UrlPasswords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runbook doc FILE}: the runbook as Markdown a person can follow by hand. */
@Command(name = "doc", mixinStandardHelpOptions = true,
        description = "Write a runbook as Markdown an operator can follow by hand.")
public final class DocCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        Checker checker = new Checker(loader);
        RunbookLoader.Loaded loaded = LoadedRunbooks.loadValid(loader, checker, file, spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCode.INVALID.code();
        }
        // A URL's password written in the runbook (a default, a database) is not for a document people pass around.
        spec.commandLine().getOut().print(UrlPasswords.mask(MarkdownDoc.write(loaded.runbook(), loader.kinds(),
                step -> checker.effectOf(step, file))));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
