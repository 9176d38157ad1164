package dev.lumen.launcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client's standard streams as the daemon sees them: output sent as frames, input asked for when a command
 * reads it (so that nothing is taken from a terminal or a pipe that the command does not read).
 */
final class ClientStreams {
    /** No bytes: what the reader thread hands over when the client is gone, so that the command's reads end. */
    private static final byte[] GONE = new byte[0];

    private final Frames frames;
    private final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private volatile boolean gone;

    ClientStreams(Frames frames) {
        this.frames = frames;
    }

    /** An INPUT frame came: its bytes, or the end of input when there are none. */
    void received(byte[] bytes) {
        input.add(bytes);
    }

    /** The connection ended: output is dropped from now on, and input ends. */
    void lost() {
        gone = true;
        input.add(GONE);
    }

    boolean gone() {
        return gone;
    }

    /** Output to the client's standard output ({@link Frames#OUT}) or error ({@link Frames#ERR}). */
    OutputStream output(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (gone || len == 0) {
                    return;
                }
                try {
                    frames.write(type, b, off, len);
                } catch (IOException e) {
                    // The client is gone; the command goes on to its end (its trace is closed as for Ctrl-C).
                    gone = true;
                }
            }
        };
    }

    /** The client's standard input. */
    InputStream input() {
        return new InputStream() {
            private boolean ended;
            private byte[] pending = GONE;
            private int next;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (next == pending.length) {
                    if (ended || gone) {
                        return -1;
                    }
                    try {
                        frames.writeInt(Frames.READ, Math.min(len, 1 << 16));
                    } catch (IOException e) {
                        gone = true;
                        return -1;
                    }
                    byte[] bytes;
                    try {
                        bytes = input.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading standard input");
                    }
                    if (bytes.length == 0) {
                        ended = true;
                        return -1;
                    }
                    pending = bytes;
                    next = 0;
                }
                int n = Math.min(len, pending.length - next);
                System.arraycopy(pending, next, b, off, n);
                next += n;
                return n;
            }
        };
    }
}
