package dev.runbook.audit;

import dev.runbook.engine.RunOptions;
import dev.runbook.stdlib.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads one run back from the audit log, for --resume: its runbook digest, params, passed steps and captures. */
public final class AuditRuns {
    private AuditRuns() {
    }

    /** What the log says of a run; null when the log has no such run. */
    public record RecordedRun(String runId, String runbookSha256, String status, RunOptions.Resume resume) {
    }

    @SuppressWarnings("unchecked")
    public static RecordedRun find(Path log, String runId) throws IOException {
        String sha = null;
        String status = null;
        Map<String, Object> params = new LinkedHashMap<>();
        Set<String> passed = new LinkedHashSet<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        Set<String> approved = new LinkedHashSet<>();
        Set<String> inDoubt = new LinkedHashSet<>();
        boolean found = false;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Map<String, Object> event;
            try {
                event = (Map<String, Object>) Json.parse(line);
            } catch (RuntimeException e) {
                continue;
            }
            if (!runId.equals(event.get("run"))) {
                continue;
            }
            found = true;
            Map<String, Object> detail = event.get("detail") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            String step = String.valueOf(event.get("step"));
            switch (String.valueOf(event.get("event"))) {
                case "run.started" -> {
                    if (event.get("runbook") instanceof Map<?, ?> runbook) {
                        sha = String.valueOf(runbook.get("sha256"));
                    }
                    if (detail.get("params") instanceof Map<?, ?> p) {
                        params.putAll((Map<String, Object>) p);
                    }
                    if (detail.get("resumes") != null) {
                        // A resumed run carries over what its own predecessor passed, approved and left in doubt.
                        RecordedRun earlier = find(log, String.valueOf(detail.get("resumes")));
                        if (earlier != null) {
                            passed.addAll(earlier.resume().passedSteps());
                            vars.putAll(earlier.resume().vars());
                            approved.addAll(earlier.resume().approvedGates());
                            inDoubt.addAll(earlier.resume().inDoubt());
                        }
                    }
                }
                case "step.started" -> inDoubt.add(step);
                case "step.finished" -> {
                    // A step stays in doubt until a run decides it: a run that stopped for want of a decision says so.
                    if (!Boolean.TRUE.equals(detail.get("in_doubt"))) {
                        inDoubt.remove(step);
                    }
                    if ("passed".equals(event.get("status"))) {
                        passed.add(step);
                        if (detail.get("captures") instanceof Map<?, ?> c) {
                            vars.putAll((Map<String, Object>) c);
                        }
                    }
                }
                case "approval.granted" -> approved.add(step);
                case "run.finished", "run.interrupted" -> status = String.valueOf(event.get("status"));
                default -> {
                }
            }
        }
        if (!found) {
            return null;
        }
        return new RecordedRun(runId, sha, status, new RunOptions.Resume(runId, params, passed, vars, approved, inDoubt));
    }
}
