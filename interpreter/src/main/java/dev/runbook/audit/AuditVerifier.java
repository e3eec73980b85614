package dev.runbook.audit;

import dev.runbook.stdlib.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an audit log line by line: each line's hash matches its content, its prev matches the hash of the line
 * before, its seq follows, and (with a key) its HMAC holds. The first line where one does not is reported.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** lines: how many were read; badLine: 0 when the log holds, else the first bad line and why. */
    public record Verdict(int lines, int badLine, String problem) {
        public boolean ok() {
            return badLine == 0;
        }
    }

    @SuppressWarnings("unchecked")
    public static Verdict verify(Path path, String hmacKey) throws IOException {
        byte[] key = hmacKey == null || hmacKey.isEmpty() ? null : hmacKey.getBytes(StandardCharsets.UTF_8);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            int count = (int) text.lines().count();
            return new Verdict(count, count, "the last line is cut short (no line end): the log was truncated or edited");
        }
        List<String> lines = text.lines().toList();
        String previous = AuditLog.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            Map<String, Object> event;
            try {
                Object parsed = Json.parse(lines.get(i));
                if (!(parsed instanceof Map<?, ?>)) {
                    return new Verdict(lines.size(), number, "not a JSON object");
                }
                event = (Map<String, Object>) parsed;
            } catch (RuntimeException e) {
                return new Verdict(lines.size(), number, "not valid JSON: " + e.getMessage());
            }
            Object hash = event.get("hash");
            Map<String, Object> content = new LinkedHashMap<>(event);
            content.remove("hash");
            Object hmac = content.remove("hmac");
            byte[] canonical = CanonicalJson.write(content).getBytes(StandardCharsets.UTF_8);
            if (!AuditLog.sha256(canonical).equals(hash)) {
                return new Verdict(lines.size(), number, "its hash does not match its content (the line was changed)");
            }
            if (!previous.equals(event.get("prev"))) {
                return new Verdict(lines.size(), number, "its prev is not the hash of line " + i
                        + " (a line was deleted, inserted or moved before it)");
            }
            if (!(event.get("seq") instanceof Long seq) || seq != number) {
                return new Verdict(lines.size(), number, "its seq is " + event.get("seq") + ", not " + number);
            }
            if (key != null && (hmac == null || !AuditLog.hmac(key, canonical).equals(hmac))) {
                return new Verdict(lines.size(), number, hmac == null ? "it has no hmac although a key is set"
                        : "its hmac does not hold (rewritten without the key)");
            }
            previous = String.valueOf(hash);
        }
        return new Verdict(lines.size(), 0, null);
    }
}
