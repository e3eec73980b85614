package dev.runbook.model;

import dev.runbook.stdlib.ValueType;
import dev.runbook.syntax.Diagnostic;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.RawNode;
import dev.runbook.syntax.SourceFile;
import dev.runbook.syntax.YamlReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value is read by the type its key declares: the same YAML scalar is text, a duration, a number or an error. */
class ValueReaderTest {
    private final Diagnostics diagnostics = new Diagnostics();
    private final ValueReader reader = new ValueReader(diagnostics);

    private RawNode node(String yaml) {
        RawNode root = YamlReader.read(new SourceFile("t.rb.yaml", "v: " + yaml + "\n"), diagnostics);
        return ((RawNode.MapNode) root).entries().get(0).value();
    }

    private List<String> messages() {
        return diagnostics.all().stream().map(Diagnostic::message).toList();
    }

    @Test
    void aTextKeepsItsTemplates() {
        Value value = reader.read(node("\"GET ${params.url}\""), ValueType.TEXT, "http.url");
        Value.Text text = assertInstanceOf(Value.Text.class, value);
        assertEquals("GET ${params.url}", text.template().source());
        assertTrue(messages().isEmpty(), messages().toString());
    }

    @Test
    void aDurationIsReadAsOne() {
        Value value = reader.read(node("1m30s"), ValueType.DURATION, "wait.duration");
        assertEquals(Duration.ofSeconds(90), assertInstanceOf(Value.DurationValue.class, value).duration());
    }

    @Test
    void aMalformedDurationSaysWhatADurationLooksLike() {
        assertNull(reader.duration(node("soon"), "timeout"));
        assertEquals(List.of("timeout must be a duration such as 30s, 250ms or 1m30s, not \"soon\""), messages());
    }

    @Test
    void aStringIsNeverInterpolated() {
        Value value = reader.read(node("orders"), ValueType.STRING, "sql.db");
        assertEquals("orders", assertInstanceOf(Value.Plain.class, value).text());
    }

    @Test
    void dataKeepsNumbersAndTemplatesApart() {
        Value value = reader.read(node("{count: 3, name: \"${params.n}\"}"), ValueType.DATA, "http.json");
        Value.MapValue map = assertInstanceOf(Value.MapValue.class, value);
        assertInstanceOf(Value.IntValue.class, map.get("count"));
        assertInstanceOf(Value.Text.class, map.get("name"));
    }

    @Test
    void anExpressionIsParsed() {
        Value value = reader.read(node("\"steps.a.status == 200\""), ValueType.EXPRESSION, "wait.until");
        assertEquals("steps.a.status == 200", assertInstanceOf(Value.Expr.class, value).expression().source());
    }

    @Test
    void aWholeNumberMustBeOne() {
        assertNull(reader.integer(node("three"), "retry.attempts"));
        assertEquals(1, messages().size(), messages().toString());
        assertTrue(messages().get(0).startsWith("retry.attempts must be"), messages().toString());
    }
}
