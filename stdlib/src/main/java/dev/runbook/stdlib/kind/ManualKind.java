package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.Operator;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An instruction for the operator, with questions whose answers the step can check. */
public final class ManualKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("manual", List.of(
            KeySpec.required("text", ValueType.TEXT, "what the operator does"),
            KeySpec.optional("ask", ValueType.DATA,
                    "questions: NAME: {type: " + String.join("|", QuestionTypes.ALL) + ", prompt: TEXT}; type defaults to string")),
            "text",
            List.of(new ResultField("answers", "map", "the answers by question name"),
                    new ResultField("confirmed", "bool", "the operator confirmed the step"),
                    new ResultField("operator", "string", "who answered")),
            "the operator confirms");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.READ;
    }

    /** The types a question may have; FlagOperator and the terminal prompt read answers as these. */
    public static final List<String> QUESTION_TYPES = QuestionTypes.ALL;

    /** Held apart so that the descriptor, built first, can name them. */
    private static final class QuestionTypes {
        static final List<String> ALL = List.of("string", "int", "double", "bool");
    }

    @Override
    public List<Problem> problems(String key, Object literal) {
        if (!key.equals("ask") || !(literal instanceof Map<?, ?> questions)) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        questions.forEach((name, spec) -> {
            if (!(spec instanceof Map<?, ?> fields)) {
                problems.add(new Problem(List.of(String.valueOf(name)), "ask." + name + " must be a map: {type: "
                        + String.join("|", QUESTION_TYPES) + ", prompt: TEXT}"));
                return;
            }
            fields.keySet().stream().filter(k -> !k.equals("type") && !k.equals("prompt")).forEach(k ->
                    problems.add(new Problem(List.of(String.valueOf(name), String.valueOf(k)), "ask." + name
                            + " has an unknown key '" + k + "'; a question has type and prompt")));
            Object type = fields.get("type");
            if (type != null && !QUESTION_TYPES.contains(String.valueOf(type))) {
                String closest = QUESTION_TYPES.stream().min(java.util.Comparator.comparingInt(t -> Texts.distance(t,
                        String.valueOf(type)))).orElse("string");
                problems.add(new Problem(List.of(String.valueOf(name), "type"), "ask." + name + ".type must be one of "
                        + String.join(", ", QUESTION_TYPES) + ", not '" + type + "'"
                        + (Texts.distance(closest, String.valueOf(type)) <= 2 ? " (did you mean '" + closest + "'?)" : "")));
            }
        });
        return problems;
    }

    @Override
    public String plan(ResolvedAction action) {
        return "manual: " + Texts.block(action.string("text", ""));
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        List<Operator.Question> questions = new ArrayList<>();
        action.map("ask").forEach((name, spec) -> {
            Map<?, ?> fields = spec instanceof Map<?, ?> m ? m : Map.of();
            Object type = fields.get("type");
            Object prompt = fields.get("prompt");
            questions.add(new Operator.Question(name, type == null ? "string" : type.toString(),
                    prompt == null ? name : prompt.toString()));
        });
        Operator.Answers answers = context.operator().manual(context.stepId(), Texts.block(action.string("text", "")), questions);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("answers", answers.answers());
        fields.put("confirmed", answers.confirmed());
        fields.put("operator", answers.operator());
        fields.put("how", answers.how());
        return new ActionResult(fields, answers.confirmed() ? "confirmed by " + answers.operator() + " (" + answers.how() + ")"
                : "not confirmed");
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String defaultExpectation() {
        return "confirmed";
    }

    /** manual.answered, with the answers, who gave them and how (prompt or flag). */
    @Override
    public List<Event> events(ActionResult result) {
        return List.of(Event.of("manual.answered", result.fields(), "answers", "confirmed", "operator", "how"));
    }

    @Override
    public String doc(Map<String, Object> written) {
        StringBuilder out = new StringBuilder(Texts.block(Texts.inline(written.get("text"))));
        if (written.get("ask") instanceof Map<?, ?> ask) {
            out.append("\n\nAnswer:\n\n");
            ask.forEach((name, spec) -> {
                String prompt = spec instanceof Map<?, ?> m && m.get("prompt") != null ? Texts.inline(m.get("prompt"))
                        : String.valueOf(name);
                out.append("- **").append(name).append("**: ").append(prompt).append('\n');
            });
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
