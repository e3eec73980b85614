package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.ActionDescriptor;
import dev.runbook.stdlib.ActionKind;
import dev.runbook.stdlib.Effect;
import dev.runbook.stdlib.KeySpec;
import dev.runbook.stdlib.ResultField;
import dev.runbook.stdlib.SqlStatements;
import dev.runbook.stdlib.ValueType;

import java.util.List;
import java.util.Map;

/** One SQL statement against a declared database, with :name parameters bound from expressions. */
public final class SqlKind implements ActionKind {
    private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("sql", List.of(
            KeySpec.required("db", ValueType.STRING, "a database declared under databases"),
            KeySpec.required("query", ValueType.STRING, "the statement; :name marks a parameter"),
            KeySpec.optional("params", ValueType.EXPRESSION_MAP, "parameter values, bound through JDBC")),
            null,
            List.of(new ResultField("rows", "list", "rows as maps of column name to value"),
                    new ResultField("row_count", "int", "number of rows returned"),
                    new ResultField("columns", "list", "column names"),
                    new ResultField("updated", "int", "rows changed by DML"),
                    new ResultField("elapsed", "google.protobuf.Duration", "time the statement took")),
            "the statement succeeds");

    @Override
    public ActionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Effect effect(Map<String, String> literals) {
        String query = literals.get("query");
        return query != null && SqlStatements.isQuery(query) ? Effect.READ : Effect.WRITE;
    }
}
