package dev.runbook.stdlib.kind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a process stream to its end, keeping the first {@link #LIMIT} bytes and counting the rest. */
final class BoundedCapture implements Runnable {
    static final int LIMIT = 1024 * 1024;
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    BoundedCapture(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int keep = (int) Math.min(n, Math.max(0, LIMIT - kept.size()));
                kept.write(buffer, 0, keep);
                dropped += n - keep;
            }
        } catch (IOException closed) {
            // The process was killed: what was read so far is the output.
        }
    }

    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[… " + dropped + " more bytes not kept]";
    }
}
