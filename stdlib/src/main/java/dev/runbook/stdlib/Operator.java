package dev.runbook.stdlib;

import java.util.List;
import java.util.Map;

/**
 * The person running the runbook: on a terminal a prompt, without one the answers given on the command line.
 * manual and approve ask through this and nothing else.
 */
public interface Operator {

    /** One question of a manual step: its name, type (string, int, double, bool) and prompt. */
    record Question(String name, String type, String prompt) {
    }

    record Answers(Map<String, Object> answers, boolean confirmed, String operator, String how) {
    }

    /**
     * @param how "prompt" or "flag"
     */
    record Decision(boolean approved, String approver, String reason, String how) {
    }

    /** Who is running the runbook (--as, $RUNBOOK_USER, else the OS user). */
    String identity();

    Answers manual(String stepId, String text, List<Question> questions) throws ActionException;

    /**
     * @param writes the write steps that follow the gate, shown to the approver
     */
    Decision approve(String stepId, String prompt, List<String> approvers, List<String> writes) throws ActionException;

    /** What to do with a step in doubt: re-run it, or count it as done. */
    enum InDoubtChoice { RERUN, COUNT_AS_DONE }

    /** The operator's choice for a step in doubt, and how it was given (prompt or flag). */
    record InDoubtDecision(InDoubtChoice choice, String how) {
    }

    /**
     * A resumed run reached a step that an earlier run started and never finished (the process was killed): it may
     * have done its work. The operator decides; nobody answering is a {@link NeedsAnswerException}.
     *
     * @param what the step and the run that left it in doubt, in words
     */
    default InDoubtDecision inDoubt(String stepId, String what) throws ActionException {
        throw new NeedsAnswerException("step '" + stepId + "' is in doubt: " + what,
                "--rerun " + stepId + " or --count-as-done " + stepId);
    }
}
