package dev.runbook.cli;

import dev.runbook.engine.StepGate;
import dev.runbook.model.Step;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.util.Locale;

/** The --step prompt: before each step, [r]un / [s]kip / [q]uit; Enter runs. */
final class StepPrompt implements StepGate {
    private final LineReader reader;

    StepPrompt(Terminal terminal) {
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("runbook").build();
    }

    @Override
    public Choice before(Step step) {
        while (true) {
            String answer;
            try {
                answer = reader.readLine("? " + step.id() + " (" + step.displayTitle() + ")  [r]un / [s]kip / [q]uit: ")
                        .strip().toLowerCase(Locale.ROOT);
            } catch (UserInterruptException | EndOfFileException e) {
                return Choice.QUIT;
            }
            switch (answer) {
                case "", "r", "run" -> {
                    return Choice.RUN;
                }
                case "s", "skip" -> {
                    return Choice.SKIP;
                }
                case "q", "quit" -> {
                    return Choice.QUIT;
                }
                default -> {
                }
            }
        }
    }
}
