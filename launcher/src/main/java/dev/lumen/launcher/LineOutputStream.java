package dev.lumen.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written to a {@link PrintWriter} a line at a time, decoded as UTF-8: how the engine's log
 * ({@code --engine.TraceCompilation}), written from compiler threads while the program runs, reaches the
 * command's standard error. Lines are held back until {@link #release}: what the engine says while a context is
 * being built (the interpreter-only runtime's warning, when an option it lacks is about to restart the command
 * on the optimizing JVM or to fail with Lumen's own error) is dropped unless the context is built.
 */
final class LineOutputStream extends OutputStream {
    private final PrintWriter target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean released;

    LineOutputStream(PrintWriter target) {
        this.target = target;
    }

    /** Writes the lines held back so far, and from now on every line as it ends. */
    synchronized void release() {
        released = true;
        flush();
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n' && released) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (released && line.size() > 0) {
            target.print(line.toString(StandardCharsets.UTF_8));
            target.flush();
            line.reset();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
