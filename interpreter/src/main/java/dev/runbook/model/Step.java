package dev.runbook.model;

import dev.runbook.stdlib.Effect;
import dev.runbook.syntax.Expression;
import dev.runbook.ast.SourceSpan;

import java.time.Duration;
import java.util.List;

/**
 * One step. Optional parts are null when absent; lists are empty.
 *
 * @param hint what the operator should do when the step fails (templates allowed): shown under the failure and in doc
 */
public record Step(String id, String title, String description, Expression when, List<Expression> expect,
                   List<Capture> captures, Duration timeout, Retry retry, ForEach forEach, OnFailure onFailure,
                   Action rollback, Severity severity, Effect effects, Action action, dev.runbook.syntax.Template hint,
                   SourceSpan span) {
    public Step {
        expect = List.copyOf(expect);
        captures = List.copyOf(captures);
    }

    /** The title, or the id when there is none. */
    public String displayTitle() {
        return title != null ? title : id;
    }

    public record Capture(String name, Expression value, SourceSpan span) {
    }

    /** retry: attempts, interval, backoff and until; null parts take the engine's defaults. */
    public record Retry(Long attempts, Duration interval, Double backoff, Expression until, SourceSpan span) {
    }

    /**
     * @param items   the expression giving the list; null when the list is written out
     * @param written the list written out (a YAML sequence, a DSL list), whose elements may hold templates; else null
     */
    public record ForEach(Expression items, Value written, String as, Long parallel, SourceSpan span) {
        public String variable() {
            return as != null ? as : "item";
        }

        /** The list as the author wrote it, for messages, the plan and runbook doc. */
        public String source() {
            return items != null ? items.source() : ValueText.of(written);
        }
    }

    /**
     * What a failure of the step does to the run (language.md §3): ABORT stops it (rollbacks run); CONTINUE goes on
     * to the next steps and the run still ends failed ("run every check, fail at the end"); IGNORE reports the
     * failure and tolerates it, so the run can pass.
     */
    public enum OnFailure {
        ABORT, CONTINUE, IGNORE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Severity { P0, P1, P2, P3 }
}
