package dev.runbook.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a package ships beside the jar, generated from the picocli commands so that they cannot drift from
 * them: a man page per command ({@code runbook(1)}, {@code runbook-exec(1)}, {@code runbook-audit-verify(1)}...) and
 * the bash and zsh completion. Run at build time by dist/build.sh: {@code DistFiles man DIR}, {@code DistFiles
 * completion DIR}.
 */
public final class DistFiles {
    private DistFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !List.of("man", "completion").contains(args[0])) {
            System.err.println("usage: DistFiles man|completion DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        CommandLine root = Main.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Map.of());
        if (args[0].equals("man")) {
            for (CommandLine command : commands(root)) {
                Files.writeString(dir.resolve(pageName(command.getCommandSpec()) + ".1"), manPage(command, root),
                        StandardCharsets.UTF_8);
            }
        } else {
            String bash = AutoComplete.bash("runbook", root);
            Files.writeString(dir.resolve("runbook.bash"), bash, StandardCharsets.UTF_8);
            // zsh reads the bash script through its bash compatibility layer.
            Files.writeString(dir.resolve("_runbook"), "#compdef runbook\nautoload -U +X bashcompinit && bashcompinit\n"
                    + bash, StandardCharsets.UTF_8);
        }
    }

    /** The command and its subcommands, depth first, without help and completion generators. */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().values().stream().distinct()
                .filter(c -> !List.of("help", "generate-completion").contains(c.getCommandName()))
                .forEach(c -> all.addAll(commands(c)));
        return all;
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** One command's man page in troff (man(7) macros). */
    static String manPage(CommandLine command, CommandLine root) {
        CommandSpec spec = command.getCommandSpec();
        String version = root.getCommandSpec().version().length > 0 ? root.getCommandSpec().version()[0] : "runbook";
        StringBuilder out = new StringBuilder();
        out.append(".TH \"").append(pageName(spec).toUpperCase(java.util.Locale.ROOT)).append("\" 1 \"\" \"")
                .append(escape(version)).append("\" \"Runbook Manual\"\n");
        out.append(".SH NAME\n").append(escape(pageName(spec))).append(" \\- ")
                .append(escape(first(spec.usageMessage().description()))).append('\n');
        out.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName())).append('\n');
        if (!spec.options().isEmpty()) {
            out.append("[\\fIOPTIONS\\fR]\n");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            out.append(p.required() ? "\\fI" + escape(p.paramLabel()) + "\\fR\n" : "[\\fI" + escape(p.paramLabel()) + "\\fR]\n");
        }
        if (!spec.subcommands().isEmpty()) {
            out.append("\\fICOMMAND\\fR\n");
        }
        out.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            out.append(escape(line)).append('\n');
        }
        if (!spec.positionalParameters().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                out.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(description(p)).append('\n');
            }
        }
        if (!spec.options().isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) {
                    continue;
                }
                out.append(".TP\n");
                List<String> names = new ArrayList<>();
                for (String name : option.names()) {
                    names.add("\\fB" + escape(name) + "\\fR");
                }
                out.append(String.join(", ", names));
                if (option.arity().max() > 0) {
                    out.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
                }
                out.append('\n').append(description(option)).append('\n');
            }
        }
        List<CommandLine> subcommands = commands(command).subList(1, commands(command).size());
        if (!spec.subcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandLine sub : command.getSubcommands().values().stream().distinct().toList()) {
                if (subcommands.contains(sub)) {
                    out.append(".TP\n.B ").append(escape(sub.getCommandName())).append('\n')
                            .append(escape(first(sub.getCommandSpec().usageMessage().description()))).append('\n');
                }
            }
        }
        Map<String, String> exitCodes = root.getCommandSpec().usageMessage().exitCodeList();
        if (!exitCodes.isEmpty()) {
            out.append(".SH EXIT STATUS\n");
            exitCodes.forEach((code, meaning) -> out.append(".TP\n.B ").append(escape(code.strip())).append('\n')
                    .append(escape(meaning)).append('\n'));
        }
        out.append(".SH SEE ALSO\n");
        List<String> others = new ArrayList<>();
        for (CommandLine other : commands(root)) {
            if (other != command) {
                others.add(".BR " + escape(pageName(other.getCommandSpec())) + " (1)");
            }
        }
        out.append(String.join(",\n", others)).append('\n');
        return out.toString();
    }

    private static String description(ArgSpec arg) {
        return escape(String.join(" ", arg.description()).replace("%n", " "));
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** Text as troff reads it: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-").replace("%n", "\n");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return out.toString();
    }
}
