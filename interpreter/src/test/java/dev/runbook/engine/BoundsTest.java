package dev.runbook.engine;

import dev.runbook.audit.AuditVerifier;
import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing outlives its bounds: a pathological pattern, a signal during an http call or a query, a process that
 * double-forks away from its step, a result of millions of rows, a step that runs out of memory. The limits in these
 * tests are generous (a shared 2-core machine); the figures they guard are in BENCHMARKS.md.
 */
class BoundsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace("@DIR@", dir.toString()));
        return file;
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        return start(List.of(), jvmOptions, args);
    }

    private Process start(List<String> prefix, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.runbook.cli.Main");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("process.out").toFile()).start();
    }

    @Test
    void aPathologicalPatternIsMatchedInLinearTime() throws Exception {
        Path file = write("regex.rb.yaml", """
                runbook: t.regex
                title: Pathological pattern
                params:
                  s: {}
                steps:
                  - id: check
                    log: checking
                    timeout: 3s
                    expect: '!params.s.matches("^(.*a){12}$")'
                """);
        String hostile = "a".repeat(90) + "b";
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("exec", file.toString(),
                "--audit-log", dir.resolve("a.jsonl").toString(), "-p", "s=" + hostile));
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    /** A server that accepts connections and never answers: an http call to it waits for its whole timeout. */
    private static ServerSocket silentServer(List<Socket> accepted) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Sends SIGTERM once the marker file exists; the milliseconds from the signal to the process's end. */
    private long terminateWhen(Process run, Path marker, String outputMark) throws Exception {
        for (int i = 0; i < 400 && !(Files.exists(marker) && Files.readString(marker).contains(outputMark)); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        return (System.nanoTime() - signalled) / 1_000_000;
    }

    @Test
    void sigtermDuringAnHttpCallEndsTheRunAtOnceWithExit4() throws Exception {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket server = silentServer(accepted)) {
            Path file = write("slow.rb.yaml", """
                    runbook: t.slow-http
                    title: A call that would take 30 s
                    steps:
                      - id: first
                        log: started
                      - id: slow
                        http: GET http://127.0.0.1:PORT/slow
                        timeout: 30s
                    """.replace("PORT", Integer.toString(server.getLocalPort())));
            Path log = dir.resolve("audit.jsonl");
            Process run = start(List.of(), "exec", file.toString(), "--audit-log", log.toString());
            long millis = terminateWhen(run, log, "\"step\":\"slow\"");
            String output = Files.readString(dir.resolve("process.out"));
            assertEquals(4, run.exitValue(), output);
            assertTrue(millis < 3000, "ended " + millis + " ms after SIGTERM");
            String text = Files.readString(log);
            assertTrue(text.contains("\"event\":\"run.interrupted\""), text);
            // On a loaded machine the forced stop may come first; that the call itself is cancelled is pinned below.
            assertTrue(AuditVerifier.verify(log, null).ok());
        }
    }

    @Test
    void aBodyThatTricklesInPastTheStepTimeoutEndsTheStepAtItsTimeout() throws Exception {
        // Headers at once, then a byte every 100 ms of a 1,000-byte body: every read is quick, the whole is not.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    var out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 1000; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException ended) {
                    // the client gave up, as it should
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            Path file = write("trickle.rb.yaml", """
                    runbook: t.trickle
                    title: A body that takes 100 s to arrive
                    steps:
                      - id: slow
                        http: GET http://127.0.0.1:PORT/slow
                        timeout: 700ms
                    """.replace("PORT", Integer.toString(server.getLocalPort())));
            long start = System.nanoTime();
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("exec", file.toString(),
                    "--audit-log", dir.resolve("trickle.jsonl").toString()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("timed out after 700 ms"), run.out());
            assertTrue(millis < 5000, "the step ended after " + millis + " ms, not at its 700 ms timeout");
        }
    }

    @Test
    void anInterruptCancelsAnHttpCallInFlightInsteadOfWaitingForItsTimeout() throws Exception {
        interruptWhileSilentServerHolds(1, """
                runbook: t.slow-http
                title: A call that would take 30 s
                steps:
                  - id: slow
                    http: GET http://127.0.0.1:PORT/slow
                    timeout: 30s
                """);
        RunResult run = lastInterrupted;
        assertTrue(run.steps().get(0).reason().contains("cancelled"), run.steps().get(0).toString());
    }

    private RunResult lastInterrupted;

    @Test
    void sigtermCancelsAnHttpCallInFlightInARunStartedWithFromAndEndsItResumable() throws Exception {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket server = silentServer(accepted)) {
            Path file = write("slow-from.rb.yaml", """
                    runbook: t.slow-http-from
                    title: A call that would take 30 s, reached with --from
                    steps:
                      - id: first
                        log: skipped by --from
                      - id: slow
                        http: GET http://127.0.0.1:PORT/slow
                        timeout: 30s
                    """.replace("PORT", Integer.toString(server.getLocalPort())));
            Path log = dir.resolve("from.jsonl");
            Process run = start(List.of(), "exec", file.toString(), "--from", "slow", "--audit-log", log.toString());
            for (int i = 0; i < 200 && accepted.isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertEquals(1, accepted.size(), "the request reached the server");
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor();
            assertTrue(run.waitFor(20, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            String output = Files.readString(dir.resolve("process.out"));
            assertEquals(4, run.exitValue(), output);
            assertTrue(millis < 5000, "ended " + millis + " ms after SIGTERM, not after the call's 30 s");
            assertTrue(output.contains("cancelled"), output);
            assertFalse(output.contains("\tat "), output);
            String text = Files.readString(log);
            assertTrue(text.contains("\"event\":\"run.interrupted\""), text);
            assertFalse(text.contains("\"forced\":true"), "the call stopped; the run was not forced to end: " + text);
            assertTrue(AuditVerifier.verify(log, null).ok());
        }
    }

    @Test
    void anInterruptCancelsEveryHttpCallOfAParallelForEach() throws Exception {
        interruptWhileSilentServerHolds(4, """
                runbook: t.slow-http-each
                title: Four calls at once that would take 30 s each
                steps:
                  - id: slow
                    for_each: [1, 2, 3, 4]
                    parallel: 4
                    http: GET http://127.0.0.1:PORT/slow/${item}
                    timeout: 30s
                """);
    }

    /** Runs the runbook against a server that accepts and never answers, interrupts once `calls` reached it. */
    private void interruptWhileSilentServerHolds(int calls, String text) throws Exception {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket server = silentServer(accepted)) {
            Path file = write("slow.rb.yaml", text.replace("PORT", Integer.toString(server.getLocalPort())));
            var loader = new dev.runbook.model.RunbookLoader(dev.runbook.stdlib.ActionKinds.standard());
            var checker = new dev.runbook.check.Checker(loader);
            var runbook = loader.load(file, file.toString()).runbook();
            Engine engine = new Engine(loader.kinds(), loader, new FlagOperator("ops", java.util.Set.of(), java.util.Map.of(),
                    java.util.Set.of()), RunListener.NONE, AuditTrail.NONE, step -> checker.effectOf(step, file));
            java.util.concurrent.CompletableFuture<RunResult> result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.run(runbook, file, RunOptions.exec("ops", java.util.Map.of(), System.getenv()));
                } catch (RunAbortedException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 200 && accepted.size() < calls; i++) {
                Thread.sleep(50);
            }
            assertEquals(calls, accepted.size(), "the requests reached the server");
            long interrupted = System.nanoTime();
            engine.interrupt();
            RunResult run = result.get(10, TimeUnit.SECONDS);
            lastInterrupted = run;
            long millis = (System.nanoTime() - interrupted) / 1_000_000;
            assertEquals(4, run.exitCode(), run.toString());
            assertTrue(run.steps().get(0).reason().contains("interrupted"), run.steps().get(0).toString());
            assertTrue(millis < 5000, "the run ended " + millis + " ms after the interrupt, not after its 30 s timeout");
            // Each call was cancelled, not left waiting behind the ended run: the server sees its connection closed.
            for (Socket socket : accepted) {
                socket.setSoTimeout(5000);
                java.io.InputStream in = socket.getInputStream();
                int read = 0;
                while (read >= 0) {
                    read = in.read();  // the request's bytes, then the end the client's close makes
                }
            }
        }
    }

    @Test
    void sigtermDuringAQueryThatIgnoresInterruptsEndsTheRunWithTheStepInDoubt() throws Exception {
        Path file = write("query.rb.yaml", """
                runbook: t.slow-query
                title: A query that takes 30 s
                databases:
                  main: postgres://postgres@127.0.0.1:5432/test
                steps:
                  - id: first
                    log: started
                  - id: slow
                    sql: { db: main, query: "SELECT pg_sleep(30)" }
                    timeout: 40s
                """);
        Path log = dir.resolve("audit.jsonl");
        Process run = start(List.of(), "exec", file.toString(), "--audit-log", log.toString());
        long millis = terminateWhen(run, log, "\"step\":\"slow\"");
        String output = Files.readString(dir.resolve("process.out"));
        assertEquals(4, run.exitValue(), output);
        assertTrue(millis < 3000, "ended " + millis + " ms after SIGTERM");
        assertFalse(output.contains("\tat "), output);
        String text = Files.readString(log);
        assertTrue(text.contains("\"event\":\"run.interrupted\""), text);
        assertTrue(AuditVerifier.verify(log, null).ok());
        Matcher id = Pattern.compile("--resume ([0-9A-Z]{26})").matcher(output);
        assertTrue(id.find(), output);
        CliRun resumed = CliRun.of("exec", file.toString(), "--audit-log", log.toString(), "--resume", id.group(1));
        assertEquals(3, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("step 'slow' is in doubt"), resumed.out());
    }

    @Test
    void aShellStepsWholeProcessTreeIsEndedOnTimeoutDoubleForkedChildrenIncluded() throws Exception {
        Path file = write("fork.rb.yaml", """
                runbook: t.fork
                title: Processes that get away
                steps:
                  - id: fork
                    timeout: 2s
                    shell: |
                      sh -c 'sleep 300 & echo $! > @DIR@/orphan.pid'
                      setsid sh -c 'sleep 301 & echo $! > @DIR@/session.pid; wait' &
                      sleep 302 & echo $! > @DIR@/child.pid
                      sleep 303
                """);
        CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("a.jsonl").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("timed out after 2000 ms"), run.out());
        for (String name : List.of("orphan.pid", "session.pid", "child.pid")) {
            long pid = Long.parseLong(Files.readString(dir.resolve(name)).strip());
            boolean gone = false;
            for (int i = 0; i < 50 && !gone; i++) {
                gone = ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                Thread.sleep(100);
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            assertTrue(gone, name + " (" + pid + ") outlived its step");
        }
    }

    @Test
    void aQueryOfTwoMillionRowsIsCountedExactlyAndKeepsOnlyTheBoundedRows() throws Exception {
        Path file = write("rows.rb.yaml", """
                runbook: t.rows
                title: Two million rows
                databases:
                  main: postgres://postgres@127.0.0.1:5432/test
                steps:
                  - id: many
                    sql: { db: main, query: "SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 2000000) g" }
                    timeout: 120s
                    expect: [row_count == 2000000, size(rows) == 10000, truncated, 'rows[9999].n == 10000']
                """);
        Path log = dir.resolve("audit.jsonl");
        // Measured as an operator would: /usr/bin/time -v reports the process's peak resident memory.
        Process run = start(List.of("/usr/bin/time", "-v"), List.of(), "exec", file.toString(), "--audit-log", log.toString());
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        String output = Files.readString(dir.resolve("process.out"));
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("2000000 rows (first 10000 kept)"), output);
        Matcher peak = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(output);
        assertTrue(peak.find(), output);
        long megabytes = Long.parseLong(peak.group(1)) / 1024;
        System.out.println("2,000,000-row query: peak resident memory " + megabytes + " MB");
        assertTrue(megabytes < 800, "peak resident memory " + megabytes + " MB");
    }

    @Test
    void runningOutOfMemoryEndsTheRunWithOneLineAndARecordedFinish() throws Exception {
        Path file = write("oom.rb.yaml", """
                runbook: t.oom
                title: More than the heap
                steps:
                  - id: big
                    shell: head -c 1000000 /dev/zero | tr '\\\\0' a
                    expect: size(stdout.split("").map(c, c + c + c + c)) > 0
                  - id: after
                    log: not reached
                """);
        Path log = dir.resolve("audit.jsonl");
        Process run = start(List.of("-Xmx48m"), "exec", file.toString(), "--audit-log", log.toString());
        assertTrue(run.waitFor(120, TimeUnit.SECONDS));
        String output = Files.readString(dir.resolve("process.out"), StandardCharsets.UTF_8);
        assertEquals(1, run.exitValue(), output);
        assertTrue(output.contains("out of memory"), output);
        assertFalse(output.contains("\tat ") || output.contains("OutOfMemoryError"), output);
        String text = Files.readString(log);
        assertTrue(text.contains("\"event\":\"run.finished\""), text);
        assertTrue(AuditVerifier.verify(log, null).ok());
    }
}
