package dev.runbook.audit;

import dev.runbook.cli.CliRun;
import dev.runbook.stdlib.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line cut short (disk full, power lost mid-write) is refused, never glued to: a run names `runbook audit repair`,
 * which keeps the cut bytes in an audit.repaired event and continues the chain; the log then verifies.
 */
class AuditRepairTest {
    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        Path file = dir.resolve("r.rb.yaml");
        Files.writeString(file, "runbook: t.repair\ntitle: Repair\nsteps:\n  - id: hello\n    log: hello\n");
        return file;
    }

    private Map<String, String> environment(String key) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("RUNBOOK_AUDIT_KEY");
        if (key != null) {
            environment.put("RUNBOOK_AUDIT_KEY", key);
        }
        return environment;
    }

    @Test
    void aCutLastLineIsRefusedThenRepairedWithItsBytesKeptAndTheLogVerifies() throws Exception {
        for (String key : new String[] {null, "audit-key-for-the-test"}) {
            Map<String, String> environment = environment(key);
            Path log = dir.resolve("audit-" + (key == null ? "plain" : "hmac") + ".jsonl");
            Path file = runbook();
            assertEquals(0, CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString()).exitCode());
            byte[] whole = Files.readAllBytes(log);
            // What a disk that filled leaves: the start of a line, cut inside a multi-byte character.
            byte[] cut = Arrays.copyOf("{\"seq\":99,\"event\":\"step.started\",\"detail\":\"✓".getBytes(StandardCharsets.UTF_8),
                    43);
            Files.write(log, cut, StandardOpenOption.APPEND);

            CliRun verify = CliRun.withEnvironment(environment, "audit", "verify", log.toString());
            assertEquals(5, verify.exitCode(), verify.out());
            assertTrue(verify.err().contains("cut short"), verify.err());

            CliRun refused = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString());
            assertEquals(5, refused.exitCode(), refused.out() + refused.err());
            assertTrue(refused.err().contains("runbook audit repair " + log.toAbsolutePath()), refused.err());
            byte[] afterRefusal = Files.readAllBytes(log);
            assertEquals(whole.length + cut.length, afterRefusal.length, "nothing was appended to the cut line");

            CliRun repair = CliRun.withEnvironment(environment, "audit", "repair", log.toString(), "--as", "ana");
            assertEquals(0, repair.exitCode(), repair.out() + repair.err());
            assertTrue(repair.out().contains("(43 bytes)"), repair.out());
            byte[] repaired = Files.readAllBytes(log);
            assertArrayEquals(whole, Arrays.copyOf(repaired, whole.length), "every whole line is as it was");
            List<String> lines = Files.readAllLines(log);
            Map<?, ?> event = (Map<?, ?>) Json.parse(lines.get(lines.size() - 1));
            assertEquals("audit.repaired", event.get("event"));
            assertEquals("ana", event.get("actor"));
            Map<?, ?> detail = (Map<?, ?>) event.get("detail");
            assertArrayEquals(cut, Base64.getDecoder().decode(String.valueOf(detail.get("bytes_base64"))));
            assertEquals(0, CliRun.withEnvironment(environment, "audit", "verify", log.toString()).exitCode());
            assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().contains(".cut-")), "no leftover copy");

            CliRun after = CliRun.withEnvironment(environment, "exec", file.toString(), "--audit-log", log.toString());
            assertEquals(0, after.exitCode(), after.out() + after.err());
            assertEquals(0, CliRun.withEnvironment(environment, "audit", "verify", log.toString()).exitCode());
            CliRun nothing = CliRun.withEnvironment(environment, "audit", "repair", log.toString());
            assertEquals(0, nothing.exitCode());
            assertTrue(nothing.out().contains("nothing to repair"), nothing.out());
        }
    }
}
