import dev.runbook.cli.Main;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Warm throughput of `runbook check`: runs the real command in-process over the corpus, first to warm the JIT,
 * then timed passes; prints files per second of the median pass. Run it pinned to one core (bench/run.sh does).
 *
 * Usage: java -cp 'interpreter/target/runbook.jar:interpreter/target/lib/*' bench/CheckThroughput.java DIR [PASSES]
 */
public final class CheckThroughput {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.count();
        }
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        for (int i = 0; i < warmups; i++) {
            run(corpus, nowhere);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            run(corpus, nowhere);
            double seconds = (System.nanoTime() - start) / 1e9;
            rates.add(files / seconds);
        }
        Collections.sort(rates);
        System.out.printf("check, warm: %d files, median of %d passes: %.0f files/s (min %.0f, max %.0f)%n",
                files, passes, rates.get(passes / 2), rates.get(0), rates.get(passes - 1));
    }

    private static void run(Path corpus, PrintWriter nowhere) {
        int code = Main.run(nowhere, nowhere, "check", "-q", corpus.toString());
        if (code != 0) {
            throw new IllegalStateException("the corpus does not check clean: exit " + code);
        }
    }
}
