package dev.runbook.convert;

import dev.runbook.model.Runbook;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;
import dev.runbook.syntax.Diagnostics;
import dev.runbook.syntax.RunbookFiles;
import dev.runbook.syntax.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every runbook file in the repository converts to the other form and back to an equal model:
 * YAML → DSL → YAML and DSL → YAML → DSL.
 */
class RoundTripTest {
    private static final RunbookLoader LOADER = new RunbookLoader(ActionKinds.standard());

    static Path repository() {
        return Path.of(System.getProperty("runbook.repo", "..")).toAbsolutePath().normalize();
    }

    static List<Path> runbookFiles() throws IOException {
        Path repo = repository();
        try (Stream<Path> walk = Files.walk(repo)) {
            return walk.filter(Files::isRegularFile).filter(RunbookFiles::isRunbook)
                    .filter(p -> {
                        String relative = repo.relativize(p).toString();
                        return !relative.contains("target/") && !relative.startsWith("bench/corpus")
                                && !relative.startsWith(".git/") && !relative.contains("/broken/");
                    })
                    .sorted().toList();
        }
    }

    private static Runbook parse(String text, String name) {
        Diagnostics diagnostics = new Diagnostics();
        Runbook runbook = LOADER.parse(new SourceFile(name, text), diagnostics);
        assertFalse(diagnostics.hasErrors(), () -> name + " does not read back:\n" + diagnostics.all() + "\n" + text);
        assertNotNull(runbook);
        return runbook;
    }

    @TestFactory
    Stream<DynamicTest> everyRunbookConvertsToTheOtherFormAndBackToAnEqualModel() throws IOException {
        List<Path> files = runbookFiles();
        assertTrue(files.size() >= 3, "runbook files found: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(repository().relativize(file).toString(), () -> {
            RunbookLoader.Loaded loaded = LOADER.load(file, file.toString());
            assertTrue(loaded.ok(), () -> "does not load: " + loaded.diagnostics().all());
            Runbook original = loaded.runbook();
            if (RunbookFiles.formOf(file.toString()) == RunbookFiles.Form.YAML) {
                Runbook viaDsl = parse(DslWriter.write(original), "converted.runbook");
                assertEquals(original, viaDsl, "YAML → DSL changed the model");
                Runbook back = parse(YamlWriter.write(viaDsl), "converted.rb.yaml");
                assertEquals(original, back, "YAML → DSL → YAML changed the model");
            } else {
                Runbook viaYaml = parse(YamlWriter.write(original), "converted.rb.yaml");
                assertEquals(original, viaYaml, "DSL → YAML changed the model");
                Runbook back = parse(DslWriter.write(viaYaml), "converted.runbook");
                assertEquals(original, back, "DSL → YAML → DSL changed the model");
            }
        }));
    }

    /** Text may change once (an expression gains parentheses, a map its block style), then stays as it is. */
    @TestFactory
    Stream<DynamicTest> convertingAgainChangesNothingAfterTheFirstRound() throws IOException {
        return runbookFiles().stream().map(file -> DynamicTest.dynamicTest(repository().relativize(file).toString(), () -> {
            Runbook original = LOADER.load(file, file.toString()).runbook();
            String yaml = YamlWriter.write(parse(DslWriter.write(original), "x.runbook"));
            String dsl = DslWriter.write(parse(yaml, "x.rb.yaml"));
            assertEquals(yaml, YamlWriter.write(parse(dsl, "x.runbook")));
            assertEquals(dsl, DslWriter.write(parse(YamlWriter.write(parse(dsl, "x.runbook")), "x.rb.yaml")));
        }));
    }
}
