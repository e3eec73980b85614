package dev.runbook.engine;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value inserted in a shell command can never change the command's shape: hostile values in every position the
 * shell allows run no command of their own (the canary file is never created) and arrive byte for byte; positions
 * where no escaping can hold are refused by check, with the fix in the message.
 */
class ShellTemplateTest {
    @TempDir
    Path dir;

    /** Values an attacker (or a careless paste) would try; @CANARY@ is a file that must never appear. */
    static final List<String> HOSTILE = List.of(
            "$(touch @CANARY@)", "`touch @CANARY@`", "'; touch @CANARY@; '", "\"; touch @CANARY@; \"",
            "a;touch @CANARY@", "x\ntouch @CANARY@", "x\n'\ntouch @CANARY@ #", "a && touch @CANARY@ || b",
            "$(touch @CANARY@)\"'`", "' \"$(touch @CANARY@)\" '", "\\\"$(touch @CANARY@)\\\"", "x\\", "\\",
            "*", "/*", "?", "[a-z]*", "-rf", "--help", "-n", "$HOME", "${HOME}", "${HOME:-$(touch @CANARY@)}",
            "a b  c\t d", "'", "\"", "''", "\"\"", "!", "!!", "~", "~root", "%s%n", "|touch @CANARY@", "> @CANARY@",
            "< /etc/passwd", "#not a comment", "é ✓ 日本", "{a,b}", "$((1+1))", "\\$(touch @CANARY@)", "",
            "line1\nline2\n", "$'\\x27'; touch @CANARY@");

    /** The command around printf, with the param in one position; the output file gets exactly what printf got. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "printf '%s' ${params.v} > @OUT@",
            "printf '%s' \"${params.v}\" > @OUT@",
            "printf '%s' \"pre ${params.v} post\" > @OUT@",
            "printf '%s' --opt=${params.v} > @OUT@",
            "printf '%s' pre${params.v}post > @OUT@",
            "printf '%s|%s' ${params.v} \"${params.v}\" > @OUT@",
            "printf '%s' \"$(printf '%s.' ${params.v})\" > @OUT@",
            "printf '%s' \"$(printf '%s.' \"${params.v}\")\" > @OUT@",
            "x=${params.v}; printf '%s' \"$x\" > @OUT@",
            "if true; then printf '%s' ${params.v} > @OUT@; fi",
            "printf '%s' \"a 'quoted' ${params.v}\" > @OUT@"})
    void everyHostileValueArrivesIntactAndRunsNothing(String position) throws Exception {
        Path canary = dir.resolve("canary");
        Path out = dir.resolve("out");
        Path file = dir.resolve("shell.rb.yaml");
        String command = position.replace("@OUT@", out.toString());
        Files.writeString(file, "runbook: t.shell\ntitle: Shell\nparams:\n  v: {}\nsteps:\n  - id: run\n    shell: "
                + yamlString(command) + "\n");
        CliRun check = CliRun.of("check", file.toString());
        assertEquals(0, check.exitCode(), check.out() + check.err());
        List<String> broken = new ArrayList<>();
        for (String hostile : HOSTILE) {
            String value = hostile.replace("@CANARY@", canary.toString());
            Files.deleteIfExists(out);
            CliRun run = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("audit.jsonl").toString(),
                    "-p", "v=" + value);
            if (Files.exists(canary)) {
                broken.add("ran a command of its own: " + value);
                Files.delete(canary);
                continue;
            }
            if (run.exitCode() != 0) {
                broken.add("exit " + run.exitCode() + " for " + value + ": " + run.out());
                continue;
            }
            String expected = expected(position, value);
            String got = Files.readString(out, StandardCharsets.UTF_8);
            if (!got.equals(expected)) {
                broken.add("for " + value + " expected «" + expected + "» got «" + got + "»");
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    private static String expected(String position, String value) {
        if (position.contains("pre ${params.v} post")) {
            return "pre " + value + " post";
        }
        if (position.contains("--opt=")) {
            return "--opt=" + value;
        }
        if (position.contains("pre${params.v}post")) {
            return "pre" + value + "post";
        }
        if (position.contains("%s|%s")) {
            return value + "|" + value;
        }
        if (position.contains("%s.")) {
            // $(...) drops trailing newlines, as the shell always does; the dot keeps the value's own.
            return value + ".";
        }
        if (position.contains("'quoted'")) {
            return "a 'quoted' " + value;
        }
        return value;
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "echo '${params.v}'|inside single quotes cannot be escaped",
            "echo 'a ${params.v} b'|inside single quotes cannot be escaped",
            "echo `echo ${params.v}`|inside backticks",
            "echo \"`echo ${params.v}`\"|inside backticks",
            "cat <<EOF\\n${params.v}\\nEOF|inside a here-document",
            "cat <<'EOF'\\nx ${params.v}\\nEOF|inside a here-document",
            "echo hi # ${params.v}|inside a shell comment",
            "echo $${HOME:-${params.v}}|inside a shell ${...} expansion",
            "echo $((${params.v} + 1))|inside $((...))",
            "echo $${params.v}x $${params.v}|",
            "echo \\$${params.v}|",
            "echo $'${params.v}'|inside $'...'"})
    void aPlaceWhereNoEscapingHoldsIsACheckErrorWithTheFix(String caseText) throws Exception {
        String[] parts = caseText.split("\\|", 2);
        String command = parts[0].replace("\\n", "\n");
        Path file = dir.resolve("refused.rb.yaml");
        Files.writeString(file, "runbook: t.refused\ntitle: Refused\nparams:\n  v: {}\nsteps:\n  - id: run\n    shell: "
                + yamlString(command) + "\n");
        CliRun check = CliRun.of("check", file.toString());
        if (parts[1].isEmpty()) {
            // $${ is a literal ${ (no interpolation), and \$ is an escaped dollar: nothing to refuse.
            assertEquals(0, check.exitCode(), check.out() + check.err());
            return;
        }
        assertEquals(2, check.exitCode(), check.out() + check.err());
        String all = check.out() + check.err();
        assertTrue(all.contains(parts[1]), all);
        assertTrue(all.contains("refused.rb.yaml:6:"), all);
        CliRun exec = CliRun.of("exec", file.toString(), "--audit-log", dir.resolve("audit.jsonl").toString(), "-p", "v=x");
        assertEquals(2, exec.exitCode(), exec.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo ${params.v}", "echo \"${params.v}\""})
    void theDryRunShowsTheCommandAsItWillRun(String command) throws Exception {
        Path file = dir.resolve("plan.rb.yaml");
        Files.writeString(file, "runbook: t.plan\ntitle: Plan\nparams:\n  v: {}\nsteps:\n  - id: run\n    shell: "
                + yamlString(command) + "\n");
        CliRun plan = CliRun.of("exec", file.toString(), "--dry-run", "--audit-log", dir.resolve("a.jsonl").toString(),
                "-p", "v=$(id)'x\"");
        assertEquals(0, plan.exitCode(), plan.out() + plan.err());
        String shown = command.contains("\"") ? "echo \"\\$(id)'x\\\"\"" : "echo '$(id)'\\''x\"'";
        assertTrue(plan.out().contains(shown), plan.out());
        assertFalse(Files.exists(dir.resolve("canary")));
    }
}
