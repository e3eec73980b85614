package dev.runbook.syntax;

import dev.runbook.ast.SourceSpan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which form a file is in, and reading it as text with the checks that keep garbage out of the parsers. */
public final class RunbookFiles {
    /** Runbooks are small; anything larger is refused before parsing (a 50 MB file must not take the parser down). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private RunbookFiles() {
    }

    public enum Form { YAML, DSL }

    public static boolean isRunbook(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".rb.yaml") || name.endsWith(".rb.yml") || name.endsWith(".runbook");
    }

    /** Every runbook file under a folder, sorted by path, without build output and ignored files (RunbookWalk). */
    public static java.util.List<Path> under(Path folder) throws IOException {
        return RunbookWalk.under(folder).files();
    }

    public static Form formOf(String path) {
        return path.endsWith(".runbook") ? Form.DSL : Form.YAML;
    }

    /** The file's text, or null with a diagnostic when it is missing, too large, or not UTF-8 text. */
    public static SourceFile read(Path path, String displayPath, Diagnostics diagnostics) {
        SourceSpan top = SourceSpan.at(displayPath, 1, 1);
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                diagnostics.error(top, String.format("the file is %.1f MB; a runbook may be at most %d MB",
                        size / 1048576.0, MAX_BYTES / 1048576));
                return null;
            }
            byte[] bytes = Files.readAllBytes(path);
            return decode(bytes, displayPath, diagnostics);
        } catch (java.nio.file.NoSuchFileException e) {
            diagnostics.error(top, "no such file");
        } catch (IOException e) {
            diagnostics.error(top, "cannot read the file: " + e.getMessage());
        }
        return null;
    }

    static SourceFile decode(byte[] bytes, String displayPath, Diagnostics diagnostics) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diagnostics.error(positionOf(bytes, i, displayPath),
                        "this is not a text file: it holds a NUL byte (binary data?)");
                return null;
            }
        }
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            diagnostics.error(positionOf(bytes, in.position(), displayPath), "this is not UTF-8 text (binary data?)");
            return null;
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        return new SourceFile(displayPath, text);
    }

    private static SourceSpan positionOf(byte[] bytes, int offset, String path) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return SourceSpan.at(path, line, column);
    }
}
