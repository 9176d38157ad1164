package dev.lumen.launcher.daemon;

import dev.lumen.launcher.ExitCodes;
import dev.lumen.launcher.Invocation;
import dev.lumen.runtime.host.Host;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One client of the daemon, from its request to its exit status (docs/spec/daemon.md §4): a command line runs on
 * this thread as {@link Invocation#execute} with the client's {@link Host} bound, while another thread reads what
 * the client sends (its input, a Ctrl-C, or the end of the connection, which cancels the command as a Ctrl-C does).
 */
final class Connection implements Runnable {
    private final SocketChannel channel;
    private final Daemon daemon;
    private final Frames frames;

    Connection(SocketChannel channel, Daemon daemon) throws IOException {
        this.channel = channel;
        this.daemon = daemon;
        this.frames = new Frames(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))),
                new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
    }

    @Override
    public void run() {
        try (channel) {
            Frames.Frame first = frames.read();
            if (first == null) {
                return;
            }
            if (first.type() != Frames.REQUEST) {
                throw new IOException("a first frame of type " + (char) first.type());
            }
            Request request = Request.decode(first.payload());
            if (!request.build().equals(daemon.build())) {
                daemon.stopListening("a client of another build came (" + request.build() + ")");
                frames.write(Frames.STALE, new byte[0]);
                return;
            }
            switch (request.kind()) {
                case STATUS -> answer(daemon.status());
                case STOP -> {
                    daemon.stopListening("asked to stop");
                    answer("lumen: the daemon (pid " + ProcessHandle.current().pid() + ") stops once its "
                            + daemon.running() + " other command(s) end\n");
                }
                case COMMAND -> frames.writeInt(Frames.EXIT, command(request));
            }
        } catch (IOException e) {
            daemon.log("a client connection failed: " + e.getMessage());
        }
    }

    private void answer(String text) throws IOException {
        frames.write(Frames.OUT, text.getBytes(StandardCharsets.UTF_8));
        frames.writeInt(Frames.EXIT, ExitCodes.OK);
    }

    /** Runs the client's command line; its exit status. */
    private int command(Request request) {
        ClientStreams streams = new ClientStreams(frames);
        Invocation invocation = new Invocation(daemon.engine(), request.stderrIsTerminal());
        // it ends with the connection (interrupting it would close the channel before the exit status is sent)
        Thread.ofPlatform().daemon().name("lumen-daemon-client-input").start(() -> readClient(streams, invocation));
        PrintStream errStream = new PrintStream(streams.output(Frames.ERR), true, StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(streams.output(Frames.OUT), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(errStream, StandardCharsets.UTF_8));
        Host host = new Host(Path.of(request.directory()), request.environment(), streams.input(), errStream);
        try {
            return Host.with(host, () -> invocation.execute(out, err, request.arguments().toArray(String[]::new)));
        } catch (Throwable t) {
            // Main reports a command's own failures; this is what escaped it (an error of the JVM's, such as
            // running out of memory): the client hears of it, and the daemon serves the next.
            err.println("error: internal error in the lumen daemon: " + t);
            err.flush();
            daemon.log("a command failed: " + t);
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /** Hands the client's input and Ctrl-C to the command; the end of the connection interrupts it. */
    private void readClient(ClientStreams streams, Invocation invocation) {
        try {
            for (Frames.Frame frame = frames.read(); frame != null; frame = frames.read()) {
                switch (frame.type()) {
                    case Frames.INPUT -> streams.received(frame.payload());
                    case Frames.INTERRUPT -> invocation.interrupt();
                    default -> throw new IOException("a frame of type " + (char) frame.type());
                }
            }
        } catch (IOException e) {
            // the client is gone, or confused: as good as gone
        }
        streams.lost();
        invocation.interrupt();
    }
}
