package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.CheckContext;
import dev.runbook.stdlib.Texts;
import dev.runbook.stdlib.ActionContext;
import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionException;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.ActionResult;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.ResolvedAction;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;
import java.time.Duration;

/** A pause: a fixed duration, or until a condition over vars and steps holds. */
public final class WaitKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("wait", List.of(
            KeySpec.optional("duration", ValueType.DURATION, "how long to wait"),
            KeySpec.optional("until", ValueType.EXPRESSION, "wait until this holds"),
            KeySpec.optional("every", ValueType.DURATION, "how often to re-evaluate until (default 5s)"),
            KeySpec.optional("timeout", ValueType.DURATION, "give up after this long (default 5m)")),
            "duration",
            List.of(new ResultField("elapsed", "google.protobuf.Duration", "time waited")),
            "the wait ends (until holds before the timeout)");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        return Effect.READ;
    }

    @Override
    public String plan(ResolvedAction action) {
        Object duration = action.settings().get("duration");
        return duration != null ? "wait " + Duration.class.cast(duration).toMillis() + " ms" : "wait until the condition holds";
    }

    @Override
    public ActionResult execute(ResolvedAction action, ActionContext context) throws ActionException {
        long start = System.nanoTime();
        try {
            if (action.settings().get("duration") instanceof Duration d) {
                Thread.sleep(d.toMillis());
            } else {
                Duration every = action.settings().get("every") instanceof Duration e ? e : Duration.ofSeconds(5);
                Duration limit = action.settings().get("timeout") instanceof Duration t ? t : Duration.ofMinutes(5);
                long deadline = start + limit.toNanos();
                while (!context.condition("until")) {
                    if (System.nanoTime() + every.toNanos() > deadline) {
                        throw new ActionException("the condition did not hold within " + limit.toMillis() + " ms");
                    }
                    Thread.sleep(every.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new ActionResult(Map.of("elapsed", elapsed), "waited " + elapsed.toMillis() + " ms");
    }

    @Override
    public void check(Map<String, Object> written, CheckContext context) {
        boolean duration = written.containsKey("duration");
        boolean until = written.containsKey("until");
        if (duration == until) {
            context.error(List.of(), "wait needs either a duration (wait: 30s) or until (wait: {until: EXPR})"
                    + (duration ? ", not both" : ""));
        }
    }

    @Override
    public String doc(Map<String, Object> written) {
        if (written.containsKey("duration")) {
            return "Wait " + Texts.inline(written.get("duration")) + ".";
        }
        return "Wait until `" + Texts.inline(written.get("until")) + "`"
                + (written.containsKey("every") ? ", looking every " + Texts.inline(written.get("every")) : "")
                + (written.containsKey("timeout") ? ", for at most " + Texts.inline(written.get("timeout")) : "") + ".";
    }
}
