package dev.runbook.docs;

import dev.runbook.stdlib.ActionKinds;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules docs/architecture.md states, read off the sources so that a change that breaks one fails here. */
class ArchitectureRulesTest {
    private static final Path REPO = Path.of(System.getProperty("runbook.repo", "..")).toAbsolutePath().normalize();
    private static final Path MAIN = REPO.resolve("interpreter/src/main/java/dev/runbook");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noFileOfTheEngineCheckDocOrCliNamesAKind() throws IOException {
        List<String> kindNames = new ArrayList<>(ActionKinds.standard().names());
        Pattern named = Pattern.compile("kind\\(\\)\\.equals|\"(" + String.join("|", kindNames) + ")\"");
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("engine", "check", "doc", "cli")) {
            for (Path file : sources(MAIN.resolve(pkg))) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    // picocli names the check command "check"; that is a command, not a kind
                    if (named.matcher(line).find() && !line.contains("@Command(name = \"check\"")) {
                        found.add(REPO.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noClassOfTheMainCodeIsOver450Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (String module : List.of("interpreter", "stdlib", "grammar")) {
            Path dir = REPO.resolve(module).resolve("src/main/java");
            if (Files.isDirectory(dir)) {
                for (Path file : sources(dir)) {
                    long lines = Files.readAllLines(file).size();
                    if (lines > 450) {
                        long_.add(REPO.relativize(file) + ": " + lines + " lines");
                    }
                }
            }
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void theExpressionTreeSitsBelowSyntaxAndExprWhichDoNotImportEachOther() throws IOException {
        List<String> found = new ArrayList<>();
        for (String[] rule : new String[][] {{"ast", "dev.runbook.(syntax|expr|model|check|engine|cli)\\."},
                {"syntax", "dev.runbook.(expr|check|engine|cli)\\."}, {"expr", "dev.runbook.(syntax|model|check|engine|cli)\\."}}) {
            Pattern forbidden = Pattern.compile("^import " + rule[1]);
            for (Path file : sources(MAIN.resolve(rule[0]))) {
                for (String line : Files.readAllLines(file)) {
                    if (forbidden.matcher(line).find()) {
                        found.add(REPO.relativize(file) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
