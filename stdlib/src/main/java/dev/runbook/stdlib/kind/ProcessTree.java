package dev.runbook.stdlib.kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Every process a shell step started, however it got away: the command runs in a session (and process group) of
 * its own under setsid, and carries a mark in its environment that its children inherit. Killing the tree ends the
 * process, its descendants, its process group, and every process that still carries the mark — a double-forked
 * child, reparented to init, included.
 */
final class ProcessTree {
    /** The environment variable that marks a step's processes; documented in docs/cli.md. */
    static final String MARK = "RUNBOOK_STEP_PROCESS";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private final String token = UUID.randomUUID().toString();

    /** The command line: /bin/sh -c COMMAND, in a new session where setsid is there. */
    List<String> command(String shellCommand) {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // -w: should setsid have to fork (it does when already a group leader), it waits and passes the status on.
            argv.add(SETSID.toString());
            argv.add("-w");
        }
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add(shellCommand);
        return argv;
    }

    void mark(Map<String, String> environment) {
        environment.put(MARK, token);
    }

    /** Ends every process of the tree; returns when none is left (or after a few rounds of trying). */
    void kill(Process process) {
        // An interrupt (the run is stopping) must not cut the killing short: it is put back when the tree is gone.
        boolean interrupted = Thread.interrupted();
        long group = process.pid();
        for (int round = 0; round < 5; round++) {
            Set<ProcessHandle> victims = new LinkedHashSet<>();
            process.descendants().forEach(victims::add);
            if (process.isAlive()) {
                victims.add(process.toHandle());
            }
            victims.addAll(marked());
            if (round == 0) {
                killGroup(group);
            }
            if (victims.isEmpty()) {
                break;
            }
            victims.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the step's process group (the shell's pid, as setsid made it leader). */
    private static void killGroup(long group) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // The descendants and the marked processes are ended one by one anyway.
        }
    }

    /** The processes whose environment carries this tree's mark (Linux /proc; elsewhere none are found). */
    private Set<ProcessHandle> marked() {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        byte[] needle = (MARK + "=" + token).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    if (contains(Files.readAllBytes(entry.resolve("environ")), needle)) {
                        ProcessHandle.of(pid).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException gone) {
                    // ended meanwhile, or not ours to read
                }
            }
        } catch (IOException | SecurityException noProc) {
            // no /proc: the descendants and the process group are what can be ended
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (i + needle.length == haystack.length || haystack[i + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }
}
