package dev.runbook.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second jar on the class path adds a step kind: compiled and packed here with its ServiceLoader entry, then
 * `runbook check` and `runbook exec` run in a separate JVM with and without it.
 */
class ExtensionKindTest {
    @TempDir
    Path dir;

    private static final String SOURCE = """
            package example;

            import dev.runbook.stdlib.*;
            import java.util.*;

            public final class ShoutKind implements ActionKind {
                private static final ActionDescriptor DESCRIPTOR = new ActionDescriptor("shout",
                        List.of(KeySpec.required("text", ValueType.TEXT, "what to shout")), "text",
                        List.of(new ResultField("shouted", "string", "the text in capitals")), "always passes");

                public ActionDescriptor descriptor() { return DESCRIPTOR; }

                public Effect effect(Map<String, String> literals) { return Effect.READ; }

                public ActionResult execute(ResolvedAction action, ActionContext context) {
                    String shouted = action.string("text").toUpperCase(Locale.ROOT);
                    return new ActionResult(Map.of("shouted", shouted, "letters", (long) shouted.length()),
                            "shouted " + shouted);
                }

                public List<String> evidence(ActionResult result) {
                    return List.of("echo: " + result.fields().get("shouted") + "!");
                }

                public String doc(Map<String, Object> written) {
                    return "Shout `" + written.get("text") + "` across the room.";
                }

                public void check(Map<String, Object> written, CheckContext context) {
                    if (String.valueOf(written.get("text")).isBlank()) {
                        context.error(List.of("text"), "a shout needs words (" + context.step() + ")");
                    }
                }
            }
            """;

    private Path buildJar() throws IOException {
        Path src = dir.resolve("src/example/ShoutKind.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, status, "the extension compiles");
        Path jar = dir.resolve("shout-kind.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("example/ShoutKind.class"));
            out.write(Files.readAllBytes(classes.resolve("example/ShoutKind.class")));
            out.putNextEntry(new JarEntry("META-INF/services/dev.runbook.stdlib.ActionKind"));
            out.write("example.ShoutKind\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private record Result(int exit, String output) {
    }

    private Result runbook(String classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.runbook.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    @Test
    void aJarOnTheClassPathAddsAStepKindThatARunbookUses() throws Exception {
        Path jar = buildJar();
        Path file = dir.resolve("shout.rb.yaml");
        Files.writeString(file, """
                runbook: ext.shout
                title: Uses a kind from another jar
                params:
                  who: { type: string, default: world }
                steps:
                  - id: greet
                    shout: hello ${params.who}
                    expect: shouted == "HELLO WORLD"
                """);
        String base = System.getProperty("java.class.path");
        Result without = runbook(base, "check", file.toString());
        assertEquals(2, without.exit(), without.output());
        assertTrue(without.output().contains("unknown step kind 'shout'"), without.output());

        String withJar = base + java.io.File.pathSeparator + jar;
        Result check = runbook(withJar, "check", file.toString());
        assertEquals(0, check.exit(), check.output());
        Result exec = runbook(withJar, "exec", file.toString());
        assertEquals(0, exec.exit(), exec.output());
        assertTrue(exec.output().contains("✓ greet  shouted HELLO WORLD"), exec.output());

        // What the kind says of itself reaches doc, --verbose and JSON with no change outside the jar.
        Result doc = runbook(withJar, "doc", file.toString());
        assertEquals(0, doc.exit(), doc.output());
        assertTrue(doc.output().contains("Shout `hello ${params.who}` across the room."), doc.output());
        Result verbose = runbook(withJar, "exec", "--verbose", file.toString());
        assertEquals(0, verbose.exit(), verbose.output());
        assertTrue(verbose.output().contains("echo: HELLO WORLD!"), verbose.output());
        Result json = runbook(withJar, "exec", "--format", "json", file.toString());
        assertEquals(0, json.exit(), json.output());
        assertTrue(json.output().contains("\"letters\":11"), json.output());
        assertTrue(json.output().contains("\"shouted\":\"HELLO WORLD\""), json.output());
        assertTrue(json.output().contains("echo: HELLO WORLD!"), json.output());

        // Its own static check, reported where the setting stands.
        Path quiet = dir.resolve("quiet.rb.yaml");
        Files.writeString(quiet, "runbook: ext.quiet\ntitle: Q\nsteps:\n  - id: hush\n    shout: \" \"\n");
        Result refused = runbook(withJar, "check", quiet.toString());
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.output().contains("quiet.rb.yaml:5:13: error: a shout needs words (step 'hush')"), refused.output());
    }
}
