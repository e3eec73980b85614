package dev.runbook.docs;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every fenced block of README.md and docs/ that is a whole runbook (YAML or DSL) passes runbook check. */
class DocumentedRunbooksTest {
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DSL_START = Pattern.compile("^runbook [a-z0-9._-]+ \"");

    @TempDir
    Path dir;

    @Test
    void everyWholeRunbookInTheDocumentationPassesCheck() throws Exception {
        Path repo = Path.of(System.getProperty("runbook.repo"));
        List<Path> documents = new ArrayList<>(List.of(repo.resolve("README.md")));
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            Matcher block = FENCE.matcher(Files.readString(document));
            while (block.find()) {
                String body = block.group(2);
                String first = body.stripLeading().lines().findFirst().orElse("");
                boolean yaml = first.startsWith("runbook:");
                if (!yaml && !DSL_START.matcher(first).find()) {
                    continue;
                }
                int line = (int) Files.readString(document).substring(0, block.start()).lines().count() + 1;
                Path file = dir.resolve("block-" + checked + (yaml ? ".rb.yaml" : ".runbook"));
                Files.writeString(file, body);
                checked++;
                CliRun check = CliRun.of("check", file.toString());
                if (check.exitCode() != 0) {
                    problems.add(repo.relativize(document) + ":" + line + ":\n" + check.err());
                }
            }
        }
        assertFalse(checked == 0, "the README shows a runbook");
        assertEquals(List.of(), problems);
    }
}
