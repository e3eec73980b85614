package dev.runbook.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain holds when a writer goes on from what it remembers and when another writer has appended meanwhile. */
class AuditLogChainTest {
    @TempDir
    Path dir;

    @Test
    void twoWritersTakingTurnsKeepOneChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog first = AuditLog.open(file, null); AuditLog second = AuditLog.open(file, null)) {
            for (int i = 0; i < 5; i++) {
                first.append(Map.of("event", "a", "n", (long) i), i % 2 == 0);
                first.append(Map.of("event", "a2", "n", (long) i), false);
                second.append(Map.of("event", "b", "n", (long) i), true);
            }
        }
        AuditVerifier.Verdict verdict = AuditVerifier.verify(file, null);
        assertEquals(15, verdict.lines());
        assertTrue(verdict.ok(), verdict.problem());
        String last = Files.readAllLines(file).get(14);
        assertTrue(last.contains("\"seq\":15"), last);
    }

    @Test
    void aWriterNoticesALineCutAfterItsOwn() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, null)) {
            log.append(Map.of("event", "a"), true);
            Files.writeString(file, "{\"seq\":2,\"cut", java.nio.file.StandardOpenOption.APPEND);
            try {
                log.append(Map.of("event", "b"), true);
                throw new AssertionError("appended after a cut line");
            } catch (AuditLog.CutLineException expected) {
                assertTrue(expected.getMessage().contains("runbook audit repair"), expected.getMessage());
            }
        }
    }
}
