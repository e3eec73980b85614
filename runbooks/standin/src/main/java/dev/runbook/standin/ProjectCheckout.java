package dev.runbook.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform's project as an operator has it: a git working copy of the project files (with a fault's files
 * written or removed), committed on main and staging, whose origin is a real bare repository beside it, so that
 * `git pull`, `git push` and `git tag` in a runbook do what they do (a fault may add a commit not pushed yet).
 */
final class ProjectCheckout {
    private ProjectCheckout() {
    }

    static Path create(Path projectFiles, Path root, List<PlatformSpec.Fault> faults) throws IOException {
        Path checkout = Files.createDirectories(root.resolve("checkout"));
        if (projectFiles != null) {
            copyTree(projectFiles, checkout);
        }
        for (PlatformSpec.Fault fault : faults) {
            for (Map.Entry<String, String> file : fault.files().entrySet()) {
                Path target = inside(checkout, file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            for (String removed : fault.remove()) {
                Files.deleteIfExists(inside(checkout, removed));
            }
        }
        Path origin = root.resolve("origin.git");
        git(root, "init", "-q", "--bare", "-b", "main", origin.toString());
        git(checkout, "init", "-q", "-b", "main");
        git(checkout, "config", "user.name", "Stand-in Operator");
        git(checkout, "config", "user.email", "operator@standin.invalid");
        git(checkout, "add", "-A");
        git(checkout, "commit", "-q", "--allow-empty", "-m", "The project as deployed");
        git(checkout, "branch", "staging");
        git(checkout, "remote", "add", "origin", origin.toString());
        git(checkout, "push", "-q", "origin", "main", "staging");
        git(checkout, "branch", "-q", "--set-upstream-to=origin/main", "main");
        for (PlatformSpec.Fault fault : faults) {
            if (fault.unpushed() != null) {
                git(checkout, "commit", "-q", "--allow-empty", "-m", fault.unpushed());
            }
        }
        return checkout;
    }

    private static Path inside(Path checkout, String relative) {
        Path target = checkout.resolve(relative).normalize();
        if (!target.startsWith(checkout)) {
            throw new IllegalArgumentException("a fault's file must stay inside the project: " + relative);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                    if (Files.isExecutable(source)) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    static void git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // The machine's own git configuration (hooks, signing) must not change what the stand-in is.
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git");
        }
    }
}
