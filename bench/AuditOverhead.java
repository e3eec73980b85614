import dev.runbook.audit.AuditLog;
import dev.runbook.audit.AuditWriter;
import dev.runbook.check.Checker;
import dev.runbook.engine.AuditTrail;
import dev.runbook.engine.Engine;
import dev.runbook.engine.FlagOperator;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.model.RunbookLoader;
import dev.runbook.stdlib.ActionKinds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What the audit log adds per step: the same runbook of N log steps run in-process with no audit trail and with
 * the audit log on this disk (a line before and after each step, each forced to disk). Median of 5 runs each,
 * after 3 warm-up runs.
 *
 * Usage: java -cp 'interpreter/target/runbook.jar:interpreter/target/lib/*' bench/AuditOverhead.java DIR [N]
 */
public final class AuditOverhead {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder("runbook: bench.audit\ntitle: Audit overhead\nsteps:\n");
        for (int i = 0; i < n; i++) {
            text.append("  - id: s").append(i).append("\n    log: step ").append(i).append('\n');
        }
        Path file = dir.resolve("audit-bench.rb.yaml");
        Files.writeString(file, text);
        RunbookLoader loader = new RunbookLoader(ActionKinds.standard());
        RunbookLoader.Loaded loaded = loader.load(file, file.toString());
        Checker checker = new Checker(loader);
        FlagOperator operator = new FlagOperator("bench", Set.of(), Map.of(), Set.of());
        RunOptions options = RunOptions.exec("bench", Map.of(), System.getenv());
        double[] none = new double[5];
        double[] disk = new double[5];
        for (int round = -3; round < 5; round++) {
            long start = System.nanoTime();
            new Engine(loader.kinds(), loader, operator, RunListener.NONE, AuditTrail.NONE, s -> checker.effectOf(s, file))
                    .run(loaded.runbook(), file, options);
            double a = (System.nanoTime() - start) / 1e6;
            Path logFile = dir.resolve("audit-bench.jsonl");
            Files.deleteIfExists(logFile);
            start = System.nanoTime();
            try (AuditLog log = AuditLog.open(logFile, null)) {
                AuditWriter trail = new AuditWriter(log, "bench", "exec", Map.of("id", "bench.audit"));
                new Engine(loader.kinds(), loader, operator, RunListener.NONE, trail, s -> checker.effectOf(s, file))
                        .run(loaded.runbook(), file, options);
            }
            double b = (System.nanoTime() - start) / 1e6;
            if (round >= 0) {
                none[round] = a;
                disk[round] = b;
            }
        }
        java.util.Arrays.sort(none);
        java.util.Arrays.sort(disk);
        System.out.printf("%d steps: no audit log %.1f ms, audit log with fsync %.1f ms: %.3f ms added per step (%d lines, fsync each)%n",
                n, none[2], disk[2], (disk[2] - none[2]) / n, 2 * n + 2);
    }
}
