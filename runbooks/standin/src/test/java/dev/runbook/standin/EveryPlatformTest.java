package dev.runbook.standin;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every platform's stand-in and scenarios agree with each other and with the runbooks beside them: each scenario
 * names a runbook of the folder and faults the stand-in has, and each fault is used by some broken case (a fault
 * nothing uses is stand-in behaviour no test shows).
 */
class EveryPlatformTest {

    @TestFactory
    Stream<DynamicTest> scenariosAndStandInsAgree() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(StandInTest.RUNBOOKS)) {
            for (Path platform : folders.filter(f -> Files.exists(f.resolve("standin/standin.yaml"))).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(platform.getFileName().toString(), () -> agree(platform)));
            }
        }
        assertTrue(tests.size() >= 6, "the five platforms and the examples have stand-ins");
        return tests.stream();
    }

    private static void agree(Path platform) throws IOException {
        PlatformSpec spec = PlatformSpec.read(platform);
        Set<String> used = new HashSet<>();
        for (Scenarios.Scenario scenario : Scenarios.of(platform).values()) {
            assertTrue(Files.isRegularFile(platform.resolve(scenario.file())), scenario.file() + " is a runbook of " + platform);
            for (Scenarios.Broken broken : scenario.broken()) {
                spec.faults(broken.faults());
                used.addAll(broken.faults());
            }
        }
        Set<String> unused = new HashSet<>(spec.faults().keySet());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "faults of " + platform.getFileName() + " no broken case uses");
    }
}
