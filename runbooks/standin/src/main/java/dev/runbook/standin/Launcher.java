package dev.runbook.standin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code runbooks/standin/run PLATFORM/RUNBOOK [--broken [N]] [--fault NAME]... [-- EXEC OPTIONS]}: starts the
 * platform's stand-in, runs {@code ./runbook exec} of the runbook against it with the answers of its scenario, and
 * stops the stand-in again (its database dropped, its files removed). The exit code is the run's.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("runbook.repo", ".")).toAbsolutePath().normalize();
        String target = null;
        List<String> faults = new ArrayList<>();
        Integer brokenCase = null;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                extra.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (arg.equals("--fault") && i + 1 < args.length) {
                faults.add(args[++i]);
            } else if (arg.equals("--broken")) {
                brokenCase = i + 1 < args.length && args[i + 1].matches("\\d+") ? Integer.parseInt(args[++i]) : 1;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                usage();
                return 0;
            } else if (target == null && !arg.startsWith("-")) {
                target = arg;
            } else {
                System.err.println("standin: unknown argument " + arg);
                usage();
                return 2;
            }
        }
        if (target == null || !target.contains("/")) {
            usage();
            return 2;
        }
        String platform = target.substring(0, target.indexOf('/'));
        Path platformFolder = repo.resolve("runbooks").resolve(platform);
        Path file = runbookFile(platformFolder, target.substring(target.indexOf('/') + 1));
        if (file == null) {
            System.err.println("standin: no runbook " + target + " under " + repo.resolve("runbooks"));
            return 2;
        }
        Scenarios.Scenario scenario = Scenarios.of(platformFolder).get(file.getFileName().toString());
        List<String> options = new ArrayList<>();
        if (scenario != null && brokenCase != null) {
            if (brokenCase < 1 || brokenCase > scenario.broken().size()) {
                System.err.println("standin: " + file.getFileName() + " has " + scenario.broken().size() + " broken case(s)");
                return 2;
            }
            Scenarios.Broken broken = scenario.broken().get(brokenCase - 1);
            faults.addAll(broken.faults());
            options.addAll(scenario.arguments(broken));
            System.out.println("standin: broken case " + brokenCase + " (" + broken.name() + "): step " + broken.step()
                    + " should catch it");
        } else if (scenario != null) {
            options.addAll(scenario.arguments());
        }
        options.addAll(extra);
        try (StandIn standIn = StandIn.start(platformFolder, faults)) {
            Thread stopOnInterrupt = new Thread(() -> closeQuietly(standIn));
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            describe(standIn);
            List<String> command = new ArrayList<>(List.of(repo.resolve("runbook").toString(), "exec",
                    repo.relativize(file).toString(), "--params-file", standIn.paramsFile().toString()));
            command.addAll(options);
            System.out.println("standin: $ ./runbook " + String.join(" ", command.subList(1, command.size())));
            System.out.flush();
            ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).inheritIO();
            builder.environment().putAll(standIn.environment());
            int exit = builder.start().waitFor();
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            System.out.println("standin: stopped" + (standIn.databaseName() == null ? "" : ", database "
                    + standIn.databaseName() + " dropped") + "; the run exited " + exit);
            return exit;
        }
    }

    private static Path runbookFile(Path platformFolder, String name) {
        for (String candidate : List.of(name, name + ".rb.yaml", name + ".runbook")) {
            Path file = platformFolder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static void describe(StandIn standIn) {
        StringBuilder line = new StringBuilder("standin: " + standIn.platform() + " on loopback:");
        for (Map.Entry<String, String> host : standIn.urls().entrySet()) {
            line.append(' ').append(host.getKey()).append(' ').append(host.getValue()).append(',');
        }
        if (standIn.databaseName() != null) {
            line.append(" database ").append(standIn.databaseName()).append(',');
        }
        line.append(" checkout ").append(standIn.checkout());
        line.append("; faults: ").append(standIn.faults().isEmpty() ? "none (healthy)" : String.join(", ", standIn.faults()));
        System.out.println(line);
    }

    private static void closeQuietly(StandIn standIn) {
        try {
            standIn.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    private static void usage() {
        System.err.println("""
                usage: runbooks/standin/run PLATFORM/RUNBOOK [--broken [N]] [--fault NAME]... [-- EXEC OPTIONS]
                  Starts PLATFORM's stand-in, runs ./runbook exec of runbooks/PLATFORM/RUNBOOK against it with the
                  answers of its scenario (runbooks/PLATFORM/standin/scenarios.yaml), then stops the stand-in.
                  --broken [N]   the scenario's Nth broken case (default 1): its faults and answers
                  --fault NAME   break the stand-in so (see runbooks/PLATFORM/standin/standin.yaml)
                  example: runbooks/standin/run permit-school/morning-health-check --broken""");
    }
}
