package dev.lumen.launcher.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's wire (docs/spec/daemon.md §3): frames of one type byte, a big-endian length and that many bytes.
 * The client and the daemon both write through one instance per connection; writes are whole frames, so the
 * threads that write (output, input requests, the exit status, an interrupt) never interleave within a frame.
 */
final class Frames {
    /** Client to daemon: the command to run (§3.1), the first frame of a connection. */
    static final byte REQUEST = 'R';
    /** Client to daemon: bytes of the client's standard input, or none at its end. */
    static final byte INPUT = 'I';
    /** Client to daemon: the user pressed Ctrl-C (the client got SIGINT). */
    static final byte INTERRUPT = 'C';
    /** Daemon to client: bytes for the client's standard output. */
    static final byte OUT = 'O';
    /** Daemon to client: bytes for the client's standard error. */
    static final byte ERR = 'E';
    /** Daemon to client: read up to the given number of bytes of standard input and send them. */
    static final byte READ = 'N';
    /** Daemon to client: the command's exit status; the last frame. */
    static final byte EXIT = 'X';
    /** Daemon to client: this daemon runs another build of Lumen and has stopped listening; start a new one. */
    static final byte STALE = 'B';

    /** Bumped when a frame changes meaning; a client and a daemon of different versions never talk. */
    static final int VERSION = 1;

    /** The largest frame either side accepts: a bound on what a confused or hostile peer makes us allocate. */
    static final int MAX_LENGTH = 64 << 20;

    record Frame(byte type, byte[] payload) {
    }

    private final DataInputStream in;
    private final DataOutputStream out;

    Frames(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next frame, or null at the end of the stream (the peer closed the connection). */
    Frame read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("a frame of " + length + " bytes");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame((byte) type, payload);
    }

    void write(byte type, byte[] payload, int offset, int length) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    void write(byte type, byte[] payload) throws IOException {
        write(type, payload, 0, payload.length);
    }

    void writeInt(byte type, int value) throws IOException {
        write(type, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static int intOf(byte[] payload) throws IOException {
        if (payload.length != 4) {
            throw new EOFException("a frame of " + payload.length + " bytes where 4 were due");
        }
        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8)
                | (payload[3] & 0xff);
    }

    /** Writes a string as its UTF-8 length and bytes (DataOutput's writeUTF stops at 64 KiB). */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
