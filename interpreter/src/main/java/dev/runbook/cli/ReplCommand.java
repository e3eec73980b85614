package dev.runbook.cli;

import dev.runbook.engine.ExitCode;
import dev.runbook.engine.ExpressionSession;
import dev.runbook.expr.Values;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code runbook repl}: an expression shell on JLine with history, completion of names and functions, and
 * input that continues over lines until the expression is complete. {@code let NAME = EXPR} defines a name.
 */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"An interactive expression shell.",
                "let NAME = EXPR defines a variable; :vars lists them; :quit (or Ctrl-D) leaves."})
public final class ReplCommand implements Callable<Integer> {
    private static final Pattern LET = Pattern.compile("^\\s*let\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$", Pattern.DOTALL);

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable to start with, as for eval.")
    Map<String, String> vars = Map.of();

    @Option(names = "--history", paramLabel = "FILE", description = "History file (default ~/.runbook_history).")
    Path history;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Continues input while the expression is incomplete, so Enter inside a bracket asks for more. */
    static final class ExpressionLineParser extends DefaultParser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !line.strip().startsWith(":")
                    && !ExpressionSession.isComplete(line)) {
                throw new EOFError(-1, -1, "expression continues", "... ");
            }
            return super.parse(line, cursor, context);
        }
    }

    @Override
    public Integer call() throws IOException {
        ExpressionSession session = new ExpressionSession();
        vars.forEach((name, value) -> session.define(name, ExpressionSession.parseVariable(value)));
        Path historyFile = history != null ? history : Path.of(System.getProperty("user.home"), ".runbook_history");
        try (Terminal terminal = TerminalBuilder.builder().name("runbook").system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("runbook")
                    .parser(new ExpressionLineParser())
                    .completer((r, line, candidates) -> session.completionNames()
                            .forEach(name -> candidates.add(new Candidate(name, name, null, null, null, null, false))))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P... ")
                    .build();
            terminal.writer().println("runbook repl: CEL expressions; let NAME = EXPR defines a name; :quit leaves.");
            while (true) {
                String line;
                try {
                    line = reader.readLine("cel> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.equals(":quit") || trimmed.equals(":q") || trimmed.equals(":exit")) {
                    break;
                }
                if (trimmed.equals(":vars")) {
                    session.variables().forEach((name, value) ->
                            terminal.writer().println(name + " = " + Values.format(value)));
                    continue;
                }
                Matcher let = LET.matcher(line);
                ExpressionSession.Outcome outcome = session.evaluate(let.matches() ? let.group(2) : line);
                if (outcome.ok()) {
                    if (let.matches()) {
                        session.define(let.group(1), outcome.value());
                        terminal.writer().println(let.group(1) + " = " + Values.format(outcome.value()));
                    } else {
                        terminal.writer().println(Values.format(outcome.value()));
                    }
                } else {
                    terminal.writer().println(outcome.message());
                }
                terminal.flush();
            }
            reader.getHistory().save();
        }
        return ExitCode.OK.code();
    }
}
