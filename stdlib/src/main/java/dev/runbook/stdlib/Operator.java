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
}
