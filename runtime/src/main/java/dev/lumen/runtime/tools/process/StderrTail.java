package dev.lumen.runtime.tools.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a tool process's standard error to its end, keeping only the last {@value #BYTES} bytes: enough to
 * say why a tool failed, never enough to fill memory.
 */
public final class StderrTail implements Runnable {
    /** How much of the end of stderr failure messages quote. */
    static final int BYTES = 2048;

    private final InputStream in;
    // Room for two tails, so that most chunks are appended without moving what is kept.
    private final byte[] kept = new byte[2 * BYTES];
    private int length;
    private boolean dropped;

    public StderrTail(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // The stream closed under us when the process was killed; what was read is the tail.
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        int from = Math.max(0, n - BYTES);
        int count = n - from;
        dropped |= from > 0;
        if (length + count > kept.length) {
            int keep = Math.min(length, BYTES - count);
            System.arraycopy(kept, length - keep, kept, 0, keep);
            dropped |= keep < length;
            length = keep;
        }
        System.arraycopy(chunk, from, kept, length, count);
        length += count;
    }

    /**
     * The tail as text, trailing white space removed, "…" first when the start was dropped; "" when the tool
     * wrote nothing there. Bytes that are not UTF-8 become U+FFFD: this is for people to read.
     */
    public synchronized String text() {
        int start = Math.max(0, length - BYTES);
        boolean cut = dropped || start > 0;
        if (cut) {
            while (start < length && (kept[start] & 0xC0) == 0x80) {
                start++; // do not begin in the middle of a character
            }
        }
        String text = new String(kept, start, length - start, StandardCharsets.UTF_8).stripTrailing();
        return text.isEmpty() || !cut ? text : "…" + text;
    }
}
