package dev.runbook.syntax;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runbook files under a folder, as `check` and `list` take them: build output (target/, node_modules/),
 * hidden folders (.git/, .runbook/) and whatever a .gitignore or .runbookignore says (test fixtures that are broken
 * on purpose) are skipped, and said so with --verbose. Ignore files use .gitignore's patterns: a name or glob matches
 * at any depth below the file's folder, a pattern with a slash is anchored there, a trailing slash matches folders
 * only; negation (!) is not supported.
 */
public final class RunbookWalk {
    private static final Set<String> BUILD_OUTPUT = Set.of("target", "node_modules");

    /** The files found, sorted, and what was skipped (folders and files, with why). */
    public record Result(List<Path> files, List<String> skipped) {
    }

    private RunbookWalk() {
    }

    public static Result under(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(folder)) {
                    String name = dir.getFileName().toString();
                    if (name.startsWith(".")) {
                        skipped.add(dir + "/ (hidden folder)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (BUILD_OUTPUT.contains(name)) {
                        skipped.add(dir + "/ (build output)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Rule rule = matching(rules, dir, true);
                    if (rule != null) {
                        skipped.add(dir + "/ (" + rule.source + ")");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                for (String ignoreFile : List.of(".gitignore", ".runbookignore")) {
                    Path file = dir.resolve(ignoreFile);
                    if (Files.isRegularFile(file)) {
                        for (String line : Files.readAllLines(file)) {
                            Rule rule = Rule.parse(dir, line, folder.relativize(file).toString());
                            if (rule != null) {
                                rules.add(rule);
                            }
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                rules.removeIf(rule -> rule.base.equals(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && RunbookFiles.isRunbook(file)) {
                    Rule rule = matching(rules, file, false);
                    if (rule != null) {
                        skipped.add(file + " (" + rule.source + ")");
                    } else {
                        files.add(file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                skipped.add(file + " (cannot be read: " + failure.getMessage() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return new Result(List.copyOf(files), List.copyOf(skipped));
    }

    private static Rule matching(List<Rule> rules, Path path, boolean directory) {
        for (Rule rule : rules) {
            if (rule.matches(path, directory)) {
                return rule;
            }
        }
        return null;
    }

    /** One line of an ignore file, for the folder it is in. */
    private record Rule(Path base, PathMatcher matcher, boolean anchored, boolean directoryOnly, String source) {
        static Rule parse(Path base, String line, String file) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#") || pattern.startsWith("!")) {
                return null;
            }
            boolean directoryOnly = pattern.endsWith("/");
            if (directoryOnly) {
                pattern = pattern.substring(0, pattern.length() - 1);
            }
            boolean anchored = pattern.contains("/");
            if (pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            if (pattern.isEmpty()) {
                return null;
            }
            try {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                return new Rule(base, matcher, anchored, directoryOnly, file + ": " + line.strip());
            } catch (IllegalArgumentException notAGlob) {
                return null;
            }
        }

        boolean matches(Path path, boolean directory) {
            if (directoryOnly && !directory || !path.startsWith(base) || path.equals(base)) {
                return false;
            }
            Path relative = base.relativize(path);
            return anchored ? matcher.matches(relative) : matcher.matches(path.getFileName());
        }
    }
}
