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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An approval gate: the run goes on only when an allowed approver says yes. */
public final class ApproveKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("approve", List.of(
            KeySpec.required("prompt", ValueType.TEXT, "the question put to the approver"),
            KeySpec.optional("approvers", ValueType.STRING_LIST, "identities allowed to approve; empty = anyone"),
            KeySpec.optional("timeout", ValueType.DURATION, "how long to wait for an answer")),
            "prompt",
            List.of(new ResultField("approver", "string", "who approved"),
                    new ResultField("approved", "bool", "the answer"),
                    new ResultField("reason", "string", "the reason given")),
            "an allowed approver says yes");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.WRITE;
    }

    @Override
    public String plan(ResolvedAction action) {
        List<Object> approvers = action.list("approvers");
        return "approval: " + Texts.block(action.string("prompt", "")) + (approvers.isEmpty() ? "" : " (by " + approvers + ")");
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        List<String> approvers = action.list("approvers").stream().map(String::valueOf).toList();
        Operator.Decision decision = context.operator().approve(context.stepId(), Texts.block(action.string("prompt", "")),
                approvers, context.writesAhead());
        if (decision.approved() && !approvers.isEmpty() && !approvers.contains(decision.approver())) {
            // An approval by someone who may not give it is no approval: a denial (exit 3), not an error of the step.
            decision = new Operator.Decision(false, decision.approver(), "'" + decision.approver()
                    + "' may not approve this; allowed: " + String.join(", ", approvers), decision.how());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("approver", decision.approver());
        fields.put("approved", decision.approved());
        fields.put("reason", decision.reason() == null ? "" : decision.reason());
        fields.put("how", decision.how());
        String reason = fields.get("reason").toString();
        ActionResult.Failure denial = decision.approved() ? null : new ActionResult.Failure(true, "denied by "
                + decision.approver() + (reason.isBlank() ? "" : ": " + reason), null);
        return new ActionResult(fields, (decision.approved() ? "approved by " : "denied by ") + decision.approver()
                + " (" + decision.how() + ")", denial);
    }

    @Override
    public boolean approvalGate() {
        return true;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String defaultExpectation() {
        return "approved";
    }

    /** approval.granted or approval.denied, with who, why and how (prompt or flag). */
    @Override
    public List<Event> events(ActionResult result) {
        boolean approved = Boolean.TRUE.equals(result.fields().get("approved"));
        return List.of(Event.of(approved ? "approval.granted" : "approval.denied", result.fields(), "approver", "reason", "how"));
    }

    @Override
    public String doc(Map<String, Object> written) {
        StringBuilder out = new StringBuilder("**Approval needed**");
        if (written.get("approvers") instanceof List<?> approvers && !approvers.isEmpty()) {
            out.append(" from ").append(String.join(" or ", approvers.stream().map(Texts::inline).toList()));
        }
        return out.append(": ").append(Texts.block(Texts.inline(written.get("prompt")))).append(" Stop here unless it is given.")
                .toString();
    }
}
