package dev.runbook.cli;

import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.Operator;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator at a terminal: JLine prompts. An approval shows the write steps that follow it, asks who approves
 * and why, and defaults to No; a manual step shows its instruction and asks its questions until they are answered
 * with the right type. Answers given as flags are used without asking.
 */
final class TerminalOperator implements Operator {
    private final Terminal terminal;
    private final LineReader reader;
    private final Operator flags;
    private final String identity;

    TerminalOperator(Terminal terminal, Operator flags, String identity) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("runbook").build();
        this.flags = flags;
        this.identity = identity;
    }

    @Override
    public String identity() {
        return identity;
    }

    private String ask(String prompt) throws ActionException {
        try {
            return reader.readLine(prompt).strip();
        } catch (UserInterruptException | EndOfFileException e) {
            throw new ActionException("no answer: the operator stopped the prompt");
        }
    }

    @Override
    public synchronized Answers manual(String stepId, String text, List<Question> questions) throws ActionException {
        try {
            return flags.manual(stepId, text, questions);
        } catch (ActionException notGivenAsFlag) {
            PrintWriter out = terminal.writer();
            out.println();
            out.println("  ▶ " + stepId + ": " + text);
            Map<String, Object> answers = new LinkedHashMap<>();
            for (Question q : questions) {
                while (true) {
                    String raw = ask("    " + q.prompt() + " (" + q.type() + ") ");
                    try {
                        answers.put(q.name(), dev.runbook.engine.FlagOperator.typed(q, raw));
                        break;
                    } catch (ActionException wrongType) {
                        out.println("    " + wrongType.getMessage());
                    }
                }
            }
            boolean confirmed = true;
            if (questions.isEmpty()) {
                confirmed = ask("    Done? [y/N] ").toLowerCase(Locale.ROOT).startsWith("y");
            }
            return new Answers(answers, confirmed, identity, "prompt");
        }
    }

    @Override
    public synchronized Decision approve(String stepId, String prompt, List<String> approvers, List<String> writes)
            throws ActionException {
        try {
            return flags.approve(stepId, prompt, approvers, writes);
        } catch (ActionException notGivenAsFlag) {
            PrintWriter out = terminal.writer();
            out.println();
            out.println("  ⚠ approval " + stepId + ": " + prompt);
            if (!writes.isEmpty()) {
                out.println("    the steps that change things next: " + String.join(", ", writes));
            }
            if (!approvers.isEmpty()) {
                out.println("    may approve: " + String.join(", ", approvers));
            }
            boolean yes = ask("    Approve? [y/N] ").toLowerCase(Locale.ROOT).startsWith("y");
            String who = approver(approvers, out);
            String reason = ask("    Why? ");
            return new Decision(yes, who, reason, "prompt");
        }
    }

    /**
     * Who approves: the operator's identity is offered only when it may approve; an identity that may not is
     * refused and asked again, so a slip of the keyboard does not fail the run.
     */
    private String approver(List<String> approvers, PrintWriter out) throws ActionException {
        String offered = approvers.isEmpty() || approvers.contains(identity) ? identity : null;
        while (true) {
            String who = ask("    Who approves?" + (offered == null ? " " : " [" + offered + "] "));
            if (who.isEmpty() && offered != null) {
                return offered;
            }
            if (!who.isEmpty() && (approvers.isEmpty() || approvers.contains(who))) {
                return who;
            }
            out.println("    " + (who.isEmpty() ? "an approver is needed" : "'" + who + "' may not approve this")
                    + "; allowed: " + String.join(", ", approvers));
        }
    }

    @Override
    public synchronized InDoubtDecision inDoubt(String stepId, String what) throws ActionException {
        try {
            return flags.inDoubt(stepId, what);
        } catch (ActionException notGivenAsFlag) {
            PrintWriter out = terminal.writer();
            out.println();
            out.println("  ? " + stepId + " is in doubt: " + what);
            out.println("    It may have done its work. Look at what it changes before you choose.");
            while (true) {
                String answer = ask("    [r]e-run it, or count it as [d]one? ").toLowerCase(Locale.ROOT);
                if (answer.equals("r") || answer.equals("rerun") || answer.equals("re-run")) {
                    return new InDoubtDecision(InDoubtChoice.RERUN, "prompt");
                }
                if (answer.equals("d") || answer.equals("done")) {
                    return new InDoubtDecision(InDoubtChoice.COUNT_AS_DONE, "prompt");
                }
            }
        }
    }
}
