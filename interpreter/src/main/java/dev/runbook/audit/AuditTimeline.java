package dev.runbook.audit;

import dev.runbook.stdlib.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The audit log as a timeline a person reads: time, run, event, step, status, and the detail that matters. */
public final class AuditTimeline {
    private AuditTimeline() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> lines(Path path, String runFilter) throws IOException {
        List<String> out = new ArrayList<>();
        String lastRun = null;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            Map<String, Object> event;
            try {
                event = (Map<String, Object>) Json.parse(line);
            } catch (RuntimeException e) {
                out.add("(a line that is not an audit event: run runbook audit verify)");
                continue;
            }
            String run = String.valueOf(event.get("run"));
            if (runFilter != null && !run.equals(runFilter)) {
                continue;
            }
            if (!run.equals(lastRun)) {
                Map<String, Object> runbook = event.get("runbook") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                out.add("");
                out.add("run " + run + "  " + runbook.get("id") + " (" + runbook.get("file") + ")  by " + event.get("actor")
                        + "  mode " + event.get("mode"));
                lastRun = run;
            }
            String time = String.valueOf(event.get("time"));
            String clock = time.length() >= 23 ? time.substring(11, 23) : time;
            StringBuilder text = new StringBuilder("  ").append(clock).append("  ")
                    .append(String.format("%-18s", event.get("event")));
            if (event.get("step") != null) {
                text.append(' ').append(event.get("step"));
            }
            if (event.get("status") != null) {
                text.append("  ").append(event.get("status"));
            }
            if (event.get("detail") instanceof Map<?, ?> detail) {
                Object shown = detail.containsKey("action") ? detail.get("action")
                        : detail.containsKey("approver") ? "by " + detail.get("approver") + " (" + detail.get("how") + "): " + detail.get("reason")
                        : detail.containsKey("exit_code") ? "exit " + detail.get("exit_code")
                        : detail.containsKey("params") ? "params " + Json.write(detail.get("params"))
                        : null;
                if (shown != null && !String.valueOf(shown).isEmpty()) {
                    text.append("  ").append(shown);
                }
                if (detail.get("reason") != null && detail.containsKey("action")) {
                    text.append("  — ").append(detail.get("reason"));
                }
            }
            out.add(text.toString());
        }
        return out;
    }
}
