package dev.lumen.launcher.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asks of the daemon (docs/spec/daemon.md §3.1): a command line to run as if the client's own
 * process ran it, in its working directory with its environment, or one of the daemon's own requests.
 *
 * @param build the Lumen build the client belongs to: a daemon of another build does not serve it
 * @param kind what is asked
 * @param directory the client's working directory, absolute
 * @param stderrIsTerminal whether the client's standard error is a terminal (colors, the progress line)
 */
record Request(String build, Kind kind, String directory, Map<String, String> environment, List<String> arguments,
        boolean stderrIsTerminal) {

    enum Kind {
        /** Run {@code arguments} as the {@code lumen} command line. */
        COMMAND,
        /** Describe the daemon on standard output. */
        STATUS,
        /** Stop the daemon once the commands it runs have ended. */
        STOP
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(Frames.VERSION);
            Frames.writeString(out, build);
            out.writeByte(kind.ordinal());
            Frames.writeString(out, directory);
            out.writeInt(environment.size());
            for (Map.Entry<String, String> e : environment.entrySet()) {
                Frames.writeString(out, e.getKey());
                Frames.writeString(out, e.getValue());
            }
            out.writeInt(arguments.size());
            for (String argument : arguments) {
                Frames.writeString(out, argument);
            }
            out.writeBoolean(stderrIsTerminal);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** The request in {@code payload}; an IOException for a client of another protocol version or a bad frame. */
    static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readInt();
        if (version != Frames.VERSION) {
            throw new IOException("a client of protocol version " + version + " (this daemon speaks " + Frames.VERSION
                    + ")");
        }
        String build = Frames.readString(in);
        int kind = in.readUnsignedByte();
        if (kind >= Kind.values().length) {
            throw new IOException("an unknown request kind " + kind);
        }
        String directory = Frames.readString(in);
        int variables = in.readInt();
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < variables; i++) {
            environment.put(Frames.readString(in), Frames.readString(in));
        }
        int count = in.readInt();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arguments.add(Frames.readString(in));
        }
        return new Request(build, Kind.values()[kind], directory, Map.copyOf(environment), List.copyOf(arguments),
                in.readBoolean());
    }
}
