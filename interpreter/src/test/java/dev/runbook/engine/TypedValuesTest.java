package dev.runbook.engine;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value that is exactly one ${...} keeps its type in a call's with; a written-out for_each list works in both forms. */
class TypedValuesTest {
    @TempDir
    Path dir;

    @Test
    void aCallsWithPassesAListAndAnIntAsTheyAre() throws Exception {
        Files.writeString(dir.resolve("callee.rb.yaml"), """
                runbook: t.callee
                title: Callee
                params:
                  items: { type: list }
                  n: { type: int }
                steps:
                  - id: check
                    log: got ${params.items}
                    expect: 'size(params.items) == 2 && params.items[1] == "b" && params.n + 1 == 43'
                """);
        Path caller = dir.resolve("caller.rb.yaml");
        Files.writeString(caller, """
                runbook: t.caller
                title: Caller
                params:
                  amount: { type: int, default: 42 }
                  tags: { type: list, default: [a, b] }
                steps:
                  - id: call
                    call: ./callee.rb.yaml
                    with: { items: "${params.tags}", n: "${params.amount}" }
                """);
        CliRun run = CliRun.of("exec", caller.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void aWrittenOutForEachListHoldsTemplatesInBothForms() throws Exception {
        Path yaml = dir.resolve("each.rb.yaml");
        Files.writeString(yaml, """
                runbook: t.each
                title: Each
                params:
                  name: { default: second }
                steps:
                  - id: each
                    for_each: ["first", "${params.name}", 3]
                    shell: echo ${item} >> @DIR@/seen
                """.replace("@DIR@", dir.toString()));
        CliRun run = CliRun.of("exec", yaml.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        Path dsl = dir.resolve("each.runbook");
        CliRun convert = CliRun.of("convert", yaml.toString(), "--to", "dsl", "-o", dsl.toString());
        assertEquals(0, convert.exitCode(), convert.err());
        assertTrue(Files.readString(dsl).contains("for_each [\"first\", params.name, 3]"), Files.readString(dsl));
        CliRun again = CliRun.of("exec", dsl.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals("first\nsecond\n3\nfirst\nsecond\n3\n", Files.readString(dir.resolve("seen")));
    }
}
