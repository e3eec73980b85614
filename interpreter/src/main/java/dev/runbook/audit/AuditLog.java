package dev.runbook.audit;

import dev.runbook.stdlib.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log: JSON Lines, each line carrying the SHA-256 of its canonical form (keys sorted, without hash and
 * hmac) which includes the previous line's hash, and an HMAC-SHA256 of the same bytes when a key is set. Each
 * append takes the file lock (and a lock within this process), chains onto the last line (read again only when
 * another writer has appended since this one last did), writes the whole line and, for a line that announces an
 * action, forces it to disk before returning.
 */
public final class AuditLog implements AutoCloseable {
    static final String GENESIS = "0".repeat(64);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final byte[] key;
    /**
     * The log's size after this process last wrote or read its end, with the seq and hash of its last line then.
     * When the size is still that under the lock, no other process has appended since: the chain goes on from these
     * without reading the file again. Any other size (another run appended, a repair) reads the end afresh.
     */
    private long knownSize = -1;
    private long lastSeq;
    private String lastHash;

    private AuditLog(Path path, FileChannel channel, byte[] key) {
        this.path = path;
        this.channel = channel;
        this.key = key;
    }

    /** Opens (creating it and its folder) the log for appending; fails when it cannot be written. */
    public static AuditLog open(Path path, String hmacKey) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        FileChannel channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new AuditLog(absolute, channel, hmacKey == null || hmacKey.isEmpty() ? null
                : hmacKey.getBytes(StandardCharsets.UTF_8));
    }

    public Path path() {
        return path;
    }

    /**
     * Opens the log as {@link #open} does, refusing one whose last line is cut short: nothing may be glued to it or
     * chained past it until {@code runbook audit repair} has kept its bytes.
     */
    public static AuditLog openForAppend(Path path, String hmacKey) throws IOException {
        AuditLog log = open(path, hmacKey);
        try {
            log.refuseCutLine();
        } catch (IOException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /** The log's last line was written only in part (a disk that filled, power lost mid-write). */
    public static final class CutLineException extends IOException {
        private static final long serialVersionUID = 1L;

        CutLineException(Path path) {
            super("the last line of " + path + " is cut short (a disk filled or the power went mid-write); nothing"
                    + " is appended after it until you run: runbook audit repair " + path);
        }
    }

    private void refuseCutLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            throw new CutLineException(path);
        }
    }

    /** Appends one event (seq, prev, hash and hmac are added here), forced to disk, and returns the line as written. */
    public String append(Map<String, Object> event) throws IOException {
        return append(event, true);
    }

    /**
     * Appends one event. With {@code force}, the line (and every line before it) is on disk when this returns: the
     * lines that announce an action are forced before the action starts. A line that only reports an end may ride
     * with the next forced one, which saves an fsync per step; if the machine dies first, the step is in doubt.
     */
    public String append(Map<String, Object> event, boolean force) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
        local.lock();
        try (FileLock ignored = channel.lock()) {
            return appendLocked(event, force);
        } finally {
            local.unlock();
        }
    }

    /**
     * Moves a cut-short last line into an audit.repaired event that keeps its bytes (base64) and continues the
     * chain from the last whole line; nothing else in the log changes. The bytes are first saved beside the log,
     * so that a failure halfway loses nothing. Returns how many bytes were moved, or -1 when no line was cut.
     */
    public long repair(Map<String, Object> event) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
        local.lock();
        try (FileLock ignored = channel.lock()) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep == size) {
                return -1;
            }
            ByteBuffer cut = ByteBuffer.allocate((int) Math.min(size - keep, Integer.MAX_VALUE - 16));
            channel.read(cut, keep);
            byte[] bytes = java.util.Arrays.copyOf(cut.array(), cut.position());
            Path saved = path.resolveSibling(path.getFileName() + ".cut-" + System.currentTimeMillis());
            Files.write(saved, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Map<String, Object> repaired = new LinkedHashMap<>(event);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("cut_bytes", (long) bytes.length);
            detail.put("bytes_base64", java.util.Base64.getEncoder().encodeToString(bytes));
            detail.put("after_seq", lastCompleteSeq(keep));
            repaired.put("detail", detail);
            channel.truncate(keep);
            channel.force(true);
            knownSize = -1;
            appendLocked(repaired, true);
            Files.delete(saved);
            return bytes.length;
        } finally {
            local.unlock();
        }
    }

    private Object lastCompleteSeq(long end) throws IOException {
        Map<String, Object> last = lastEventBefore(end);
        return last == null ? null : last.get("seq");
    }

    private String appendLocked(Map<String, Object> event, boolean force) throws IOException {
        {
            long size = channel.size();
            if (size != knownSize) {
                refuseCutLine();
                Map<String, Object> last = lastEvent();
                lastSeq = last == null ? 0 : ((Number) last.get("seq")).longValue();
                lastHash = last == null ? GENESIS : String.valueOf(last.get("hash"));
            }
            long seq = lastSeq + 1;
            String prev = lastHash;
            CanonicalJson.Members line = new CanonicalJson.Members(event);
            line.put("seq", seq);
            line.put("prev", prev);
            byte[] canonical = line.text().getBytes(StandardCharsets.UTF_8);
            String hash = sha256(canonical);
            line.put("hash", hash);
            if (key != null) {
                line.put("hmac", hmac(key, canonical));
            }
            String text = line.text() + "\n";
            byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer bytes = ByteBuffer.wrap(encoded);
            // Until the whole line is written, the end of the file is not known to be this line's.
            knownSize = -1;
            for (long at = size; bytes.hasRemaining(); ) {
                at += channel.write(bytes, at);
            }
            if (force) {
                channel.force(true);
            }
            knownSize = size + encoded.length;
            lastSeq = seq;
            lastHash = hash;
            return text;
        }
    }

    /** The last complete line, parsed; null for an empty log. */
    private Map<String, Object> lastEvent() throws IOException {
        return lastEventBefore(channel.size());
    }

    /** The last complete line of the first size bytes, parsed; null when there is none. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> lastEventBefore(long size) throws IOException {
        if (size == 0) {
            return null;
        }
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        if (one.get(0) == '\n') {
            end = size - 1;
        }
        long start = end;
        int chunk = 4096;
        StringBuilder reversed = new StringBuilder();
        while (start > 0) {
            long from = Math.max(0, start - chunk);
            ByteBuffer buffer = ByteBuffer.allocate((int) (start - from));
            channel.read(buffer, from);
            byte[] bytes = buffer.array();
            int newline = -1;
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline >= 0) {
                start = from + newline + 1;
                break;
            }
            start = from;
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        channel.read(line, start);
        String text = new String(line.array(), StandardCharsets.UTF_8);
        try {
            return (Map<String, Object>) Json.parse(text);
        } catch (RuntimeException e) {
            throw new IOException("the last line of " + path + " is not an audit event; run runbook audit verify");
        }
    }

    static String sha256(byte[] bytes) {
        return dev.runbook.engine.Digests.sha256(bytes);
    }

    static String hmac(byte[] key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.force(true);  // whatever rode unforced is on disk when the command ends
            }
        } finally {
            channel.close();
        }
    }
}
