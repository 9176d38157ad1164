package dev.lumen.runtime.tools.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drains a tool process's standard output, which holds its response, up to a limit. Past the limit it stops
 * reading and calls {@code overLimit} (which kills the process), so a runaway tool costs at most the limit.
 */
final class StdoutCapture implements Runnable {
    private final InputStream in;
    private final long limit;
    private final Runnable onOverLimit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean overLimit;

    StdoutCapture(InputStream in, long limit, Runnable onOverLimit) {
        this.in = in;
        this.limit = limit;
        this.onOverLimit = onOverLimit;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                if (bytes.size() + (long) n > limit) {
                    overLimit = true;
                    onOverLimit.run();
                    return;
                }
                bytes.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // The stream closed under us when the process was killed; the call fails for that reason.
        }
    }

    /** Whether the process wrote more than the limit. */
    boolean overLimit() {
        return overLimit;
    }

    /** What was read; call it once the draining thread has ended. */
    byte[] bytes() {
        return bytes.toByteArray();
    }
}
