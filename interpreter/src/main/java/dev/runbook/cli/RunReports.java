package dev.runbook.cli;

import dev.runbook.engine.RunResult;
import dev.runbook.engine.StepResult;
import dev.runbook.engine.StepStatus;
import dev.runbook.stdlib.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable reports of a run: one JSON summary object, and JUnit XML for CI. */
final class RunReports {
    private RunReports() {
    }

    static String json(RunResult run, String runbookId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.runId());
        out.put("runbook", runbookId);
        out.put("status", run.status());
        out.put("exit_code", run.exitCode());
        out.put("highest_severity", run.highestSeverity() == null ? null : run.highestSeverity().name());
        List<Object> steps = new ArrayList<>();
        for (StepResult step : run.steps()) {
            Map<String, Object> json = stepJson(step);
            if (run.ignoredFailure(step)) {
                json.put("ignored", true);  // on_failure: ignore: reported, not failing the run
            }
            steps.add(json);
        }
        out.put("steps", steps);
        List<Object> rollbacks = new ArrayList<>();
        run.rollbacks().forEach(r -> rollbacks.add(stepJson(r)));
        out.put("rollbacks", rollbacks);
        out.put("captures", run.shownCaptures());
        return Json.write(out);
    }

    private static Map<String, Object> stepJson(StepResult step) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", step.id());
        s.put("status", step.status().label());
        s.put("elapsed_ms", step.elapsed().toMillis());
        s.put("action", step.summary());
        s.put("message", step.reason());
        if (!step.explanation().isEmpty()) {
            s.put("explanation", step.explanation());
        }
        s.put("severity", step.severity() == null ? null : step.severity().name());
        if (!step.shown().isEmpty()) {
            s.put("result", step.shown());
        }
        if (!step.output().isEmpty()) {
            s.put("output", step.output());
        }
        if (step.hint() != null) {
            s.put("hint", step.hint());
        }
        return s;
    }

    static String junit(RunResult run, String runbookId) {
        // The rollbacks are testcases too ("rollback of ID"): CI must see one that failed.
        List<StepResult> cases = new ArrayList<>(run.steps());
        List<String> names = new ArrayList<>(run.steps().stream().map(StepResult::id).toList());
        run.rollbacks().forEach(r -> {
            cases.add(r);
            names.add("rollback of " + r.id());
        });
        // A failure the author chose to ignore is reported as skipped with its reason: the counts agree with the exit code.
        long failures = cases.stream().filter(s -> !run.ignoredFailure(s)
                && (s.status() == StepStatus.FAILED || s.status() == StepStatus.DENIED)).count();
        long errors = cases.stream().filter(s -> !run.ignoredFailure(s) && s.status() == StepStatus.ERRORED).count();
        long skipped = cases.stream().filter(s -> run.ignoredFailure(s) || s.status() == StepStatus.SKIPPED
                || s.status() == StepStatus.NOT_RUN).count();
        double seconds = cases.stream().mapToLong(s -> s.elapsed().toMillis()).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(runbookId)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(seconds).append("\">\n");
        for (int i = 0; i < cases.size(); i++) {
            StepResult step = cases.get(i);
            xml.append("  <testcase classname=\"").append(escape(runbookId)).append("\" name=\"").append(escape(names.get(i)))
                    .append("\" time=\"").append(step.elapsed().toMillis() / 1000.0).append("\"");
            String message = (step.reason() == null ? "" : step.reason())
                    + (step.hint() == null ? "" : " — what to do: " + step.hint().replace('\n', ' '));
            String detail = String.join("\n", step.explanation());
            if (run.ignoredFailure(step) && i < run.steps().size()) {
                xml.append(">\n    <skipped message=\"").append(escape(step.status().label() + ", ignored (on_failure: ignore): "
                        + message)).append("\"/>\n  </testcase>\n");
                continue;
            }
            switch (step.status()) {
                case FAILED, DENIED -> xml.append(">\n    <failure message=\"").append(escape(message)).append("\">")
                        .append(escape(detail)).append("</failure>\n  </testcase>\n");
                case ERRORED -> xml.append(">\n    <error message=\"").append(escape(message)).append("\">")
                        .append(escape(detail)).append("</error>\n  </testcase>\n");
                case SKIPPED, NOT_RUN -> xml.append(">\n    <skipped message=\"").append(escape(step.status().label()))
                        .append("\"/>\n  </testcase>\n");
                default -> xml.append("/>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
