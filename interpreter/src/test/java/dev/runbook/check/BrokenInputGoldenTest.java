package dev.runbook.check;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken input of every kind the language issue names: `runbook check` answers with diagnostics in the
 * documented form and exit code, never a stack trace. The exact output is pinned by golden files under
 * golden/check/ (regenerate with -Drunbook.updateGoldens=true and review the diff). How long each takes is
 * measured by bench/broken-input.sh, not here.
 */
class BrokenInputGoldenTest {
    static final List<String> COMMITTED = List.of("truncated.rb.yaml", "truncated.runbook", "tabs.rb.yaml",
            "sql-template.rb.yaml", "unknown-kind.rb.yaml", "unknown-kind.runbook", "duplicate-id.rb.yaml",
            "later-step.rb.yaml", "many-problems.rb.yaml", "syntax-errors.runbook", "expression-errors.rb.yaml",
            "call-cycle-a.rb.yaml", "write-without-approval.rb.yaml");
    static final List<String> GENERATED = List.of("binary.rb.yaml", "not-utf8.runbook", "nested-brackets.runbook",
            "nested-brackets.rb.yaml", "nested-flow.rb.yaml", "large.rb.yaml", "alias-bomb.rb.yaml", "empty.rb.yaml");

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeInputs() throws IOException {
        for (String name : COMMITTED) {
            copy(name);
        }
        copy("call-cycle-b.runbook");
        generate(dir);
    }

    private static void copy(String name) throws IOException {
        try (InputStream in = BrokenInputGoldenTest.class.getResourceAsStream("/broken/" + name)) {
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    /** The inputs too large or too binary to commit. bench/broken-input.sh writes the same ones. */
    static void generate(Path into) throws IOException {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(into.resolve("binary.rb.yaml"), garbage);
        Files.write(into.resolve("not-utf8.runbook"), new byte[] {'r', 'u', 'n', (byte) 0xff, (byte) 0xfe, '\n'});
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Files.writeString(into.resolve("nested-brackets.runbook"),
                "runbook ops.deep \"Deep\" {\n  step a {\n    log \"x\"\n    expect " + deep + " == []\n  }\n}\n");
        Files.writeString(into.resolve("nested-brackets.rb.yaml"),
                "runbook: ops.deep\ntitle: Deep\nsteps:\n  - id: a\n    log: x\n    expect: \"" + deep + " == []\"\n");
        Files.writeString(into.resolve("nested-flow.rb.yaml"),
                "runbook: ops.deep\ntitle: Deep\nsteps: " + deep + "\n");
        try (OutputStream out = Files.newOutputStream(into.resolve("large.rb.yaml"))) {
            out.write("runbook: ops.large\ntitle: Large\nsteps:\n".getBytes(StandardCharsets.UTF_8));
            byte[] step = "  - id: step\n    log: padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 50L * 1024 * 1024; written += step.length) {
                out.write(step);
            }
        }
        StringBuilder bomb = new StringBuilder("runbook: ops.bomb\ntitle: Bomb\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        bomb.append("steps:\n  - id: a\n    log: x\n");
        Files.writeString(into.resolve("alias-bomb.rb.yaml"), bomb.toString());
        Files.writeString(into.resolve("empty.rb.yaml"), "");
    }

    static String golden(String name) throws IOException {
        Path file = goldenDir().resolve(name + ".txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static Path goldenDir() {
        return Path.of(System.getProperty("runbook.repo", ".."), "interpreter", "src", "test", "resources", "golden", "check");
    }

    @TestFactory
    Stream<DynamicTest> checkReportsBrokenInputWithDiagnosticsAndExitCodeTwo() {
        return Stream.concat(COMMITTED.stream(), GENERATED.stream()).map(name -> DynamicTest.dynamicTest(name, () -> {
            CliRun run = CliRun.of("check", dir.resolve(name).toString());
            String shown = ("exit " + run.exitCode() + "\n--- stdout\n" + run.out() + "--- stderr\n" + run.err())
                    .replace(dir.toString() + "/", "").replace(dir.toString(), "");
            assertFalse(run.hasStackTrace(), () -> "stack trace in:\n" + shown);
            boolean onlyWarnings = name.startsWith("write-without");
            assertEquals(onlyWarnings ? 0 : 2, run.exitCode(), shown);
            assertTrue(run.err().matches("(?s).*: (error|warning): .*"), () -> "no diagnostic in:\n" + shown);
            if (Boolean.getBoolean("runbook.updateGoldens")) {
                Files.createDirectories(goldenDir());
                Files.writeString(goldenDir().resolve(name + ".txt"), shown);
            }
            assertEquals(golden(name), shown, "differs from golden/check/" + name + ".txt");
        }));
    }
}
