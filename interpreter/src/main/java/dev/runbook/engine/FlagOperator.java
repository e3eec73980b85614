package dev.runbook.engine;

import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.NeedsAnswerException;
import dev.runbook.stdlib.Operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator of a run without a terminal: approvals, answers and confirmations come from the command line
 * (--approve STEP, --answer STEP.FIELD=VALUE, --confirm STEP). A question nobody answered stops the run (exit 3)
 * naming the flag that would answer it.
 */
public final class FlagOperator implements Operator {
    private final String identity;
    private final Set<String> approvals;
    private final Map<String, String> answers;
    private final Set<String> confirms;
    private final Set<String> reruns;
    private final Set<String> countedAsDone;

    public FlagOperator(String identity, Set<String> approvals, Map<String, String> answers, Set<String> confirms) {
        this(identity, approvals, answers, confirms, Set.of(), Set.of());
    }

    /**
     * @param reruns        steps in doubt to run again (--rerun STEP)
     * @param countedAsDone steps in doubt to count as done (--count-as-done STEP)
     */
    public FlagOperator(String identity, Set<String> approvals, Map<String, String> answers, Set<String> confirms,
                        Set<String> reruns, Set<String> countedAsDone) {
        this.identity = identity;
        this.approvals = Set.copyOf(approvals);
        this.answers = Map.copyOf(answers);
        this.confirms = Set.copyOf(confirms);
        this.reruns = Set.copyOf(reruns);
        this.countedAsDone = Set.copyOf(countedAsDone);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public Answers manual(String stepId, String text, List<Question> questions) throws ActionException {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Question q : questions) {
            String raw = answers.get(stepId + "." + q.name());
            if (raw == null) {
                throw new NeedsAnswerException("step '" + stepId + "' asks \"" + q.prompt() + "\" and there is no terminal",
                        "--answer " + stepId + "." + q.name() + "=VALUE");
            }
            given.put(q.name(), typed(q, raw));
        }
        if (questions.isEmpty() && !confirms.contains(stepId)) {
            throw new NeedsAnswerException("step '" + stepId + "' needs the operator to confirm it and there is no terminal",
                    "--confirm " + stepId);
        }
        return new Answers(given, true, identity, "flag");
    }

    /** An answer typed as its question says (int, double, bool, string). */
    public static Object typed(Question q, String raw) throws ActionException {
        try {
            return switch (q.type()) {
                case "int" -> Long.parseLong(raw.strip());
                case "double" -> Double.parseDouble(raw.strip());
                case "bool" -> {
                    String lower = raw.strip().toLowerCase(java.util.Locale.ROOT);
                    if (!Set.of("true", "false", "yes", "no", "y", "n").contains(lower)) {
                        throw new NumberFormatException();
                    }
                    yield lower.startsWith("t") || lower.startsWith("y");
                }
                default -> raw;
            };
        } catch (NumberFormatException e) {
            throw new ActionException("the answer to \"" + q.prompt() + "\" must be " + q.type() + ", not \"" + raw + "\"");
        }
    }

    @Override
    public Decision approve(String stepId, String prompt, List<String> approvers, List<String> writes) throws ActionException {
        if (!approvals.contains(stepId)) {
            throw new NeedsAnswerException("step '" + stepId + "' needs an approval (\"" + prompt + "\") and there is no terminal",
                    "--approve " + stepId);
        }
        return new Decision(true, identity, "pre-approved with --approve " + stepId, "flag");
    }

    @Override
    public InDoubtDecision inDoubt(String stepId, String what) throws ActionException {
        if (reruns.contains(stepId)) {
            return new InDoubtDecision(InDoubtChoice.RERUN, "flag");
        }
        if (countedAsDone.contains(stepId)) {
            return new InDoubtDecision(InDoubtChoice.COUNT_AS_DONE, "flag");
        }
        return Operator.super.inDoubt(stepId, what);
    }
}
