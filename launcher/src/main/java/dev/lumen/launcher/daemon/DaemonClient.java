package dev.lumen.launcher.daemon;

import dev.lumen.launcher.ExitCodes;
import dev.lumen.launcher.Terminal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * The {@code lumen} command as a client of the user's daemon (docs/spec/daemon.md): bin/lumen starts it, on a small
 * JVM, for the commands the daemon serves. It sends the command line with this process's working directory and
 * environment, copies the daemon's output to its own standard output and error, hands over standard input as
 * the command reads it, passes Ctrl-C on, and exits with the command's status. With no daemon listening it starts
 * one, and waits for it.
 *
 * <p>{@code DaemonClient N JAVA OPTION... ARG...}: the first N words after N start the daemon's JVM (bin/lumen
 * knows its options); the rest is the lumen command line. {@code daemon status} and {@code daemon stop} are the
 * daemon's own.
 */
public final class DaemonClient {
    /** How long a new daemon may take to listen: a cold JVM with the compiler on a busy machine. */
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** {@code lumen daemon status} with no daemon running, as {@code systemctl status} of a stopped unit. */
    static final int NOT_RUNNING = 3;
    private static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final String DEFAULT_IDLE_SECONDS = Long.toString(TimeUnit.HOURS.toSeconds(1));

    /** The variables the daemon's JVM keeps of the environment of the client that starts it. */
    private static final List<String> DAEMON_ENVIRONMENT = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR",
            "TZ", "XDG_RUNTIME_DIR", "LUMEN_RUNTIME_DIR");

    private final DaemonFiles files;
    private final String build;
    private final List<String> daemonCommand;
    private final Map<String, String> env;

    private DaemonClient(Path jar, Map<String, String> env, List<String> daemonCommand) throws IOException {
        this.files = DaemonFiles.of(jar, env);
        this.build = Build.of(jar);
        this.env = env;
        this.daemonCommand = daemonCommand;
    }

    /** The launcher jar this class was loaded from: the installation whose daemon this client talks to. */
    private static Path launcherJar() throws IOException {
        try {
            return Path.of(DaemonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            int n = Integer.parseInt(args[0]);
            List<String> jvm = Arrays.asList(args).subList(1, 1 + n);
            List<String> command = Arrays.asList(args).subList(1 + n, args.length);
            status = new DaemonClient(launcherJar(), System.getenv(), jvm).run(command);
        } catch (IOException e) {
            System.err.println("lumen: the daemon cannot be reached: " + e.getMessage());
            System.err.println("  = help: LUMEN_DAEMON=0 runs lumen without it");
            status = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(status);
    }

    private int run(List<String> command) throws IOException {
        if (!command.isEmpty() && command.get(0).equals("daemon")) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            return daemonCommand(command.subList(1, command.size()), out, err);
        }
        Request request = new Request(build, Request.Kind.COMMAND, Path.of("").toAbsolutePath().toString(), env,
                command, Terminal.stderrIsTerminal());
        for (int attempt = 0; ; attempt++) {
            SocketChannel channel = connectOrStart();
            Integer status = talk(channel, request);
            if (status != null) {
                return status;
            }
            if (attempt > 0) {
                throw new IOException("a daemon of another Lumen build answered twice");
            }
            // the stale daemon removed its socket before it answered: the next attempt starts this build's
        }
    }

    /**
     * {@code lumen daemon status|stop} for the user with {@code env}, of the installation of this class's jar:
     * what {@link DaemonCommand} runs in a JVM of its own, and the client for bin/lumen.
     */
    static int daemonCommand(List<String> arguments, Map<String, String> env, PrintWriter out, PrintWriter err)
            throws IOException {
        return new DaemonClient(launcherJar(), env, List.of()).daemonCommand(arguments, out, err);
    }

    private int daemonCommand(List<String> arguments, PrintWriter out, PrintWriter err) throws IOException {
        Request.Kind kind = arguments.equals(List.of("status")) ? Request.Kind.STATUS
                : arguments.equals(List.of("stop")) ? Request.Kind.STOP : null;
        if (kind == null) {
            err.println("error: `lumen daemon` takes `status` or `stop`");
            err.flush();
            return ExitCodes.USAGE;
        }
        SocketChannel channel = connect();
        if (channel == null) {
            out.println("lumen daemon: not running");
            out.flush();
            return kind == Request.Kind.STATUS ? NOT_RUNNING : ExitCodes.OK;
        }
        out.flush();
        Integer status = talk(channel, new Request(build, kind, "/", Map.of(), List.of(), false));
        if (status == null) {
            out.println("lumen daemon: the one running was of another Lumen build, and has stopped");
            out.flush();
            return ExitCodes.OK;
        }
        return status;
    }

    /**
     * Sends {@code request} and plays the daemon's answer out on this process's streams: the exit status, or null
     * when the daemon is of another build.
     */
    private Integer talk(SocketChannel channel, Request request) throws IOException {
        try (channel) {
            Frames frames = new Frames(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))),
                    new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
            OutputStream stdout = new FileOutputStream(FileDescriptor.out);
            OutputStream stderr = new FileOutputStream(FileDescriptor.err);
            Input input = new Input(frames);
            if (request.kind() == Request.Kind.COMMAND) {
                interruptsTo(frames);
            }
            frames.write(Frames.REQUEST, request.encode());
            for (Frames.Frame frame = frames.read(); frame != null; frame = frames.read()) {
                switch (frame.type()) {
                    case Frames.OUT -> {
                        stdout.write(frame.payload());
                        stdout.flush();
                    }
                    case Frames.ERR -> {
                        stderr.write(frame.payload());
                        stderr.flush();
                    }
                    case Frames.READ -> input.request(Frames.intOf(frame.payload()));
                    case Frames.EXIT -> {
                        return Frames.intOf(frame.payload());
                    }
                    case Frames.STALE -> {
                        return null;
                    }
                    default -> throw new IOException("a frame of type " + (char) frame.type());
                }
            }
            throw new IOException("the daemon ended before the command did (its log: " + files.log() + ")");
        }
    }

    /**
     * Ctrl-C: the first is passed to the daemon, which cancels the run as a SIGINT cancels one; another, half a
     * second later, ends this client at once (the daemon then cancels what is left of the run).
     */
    private static void interruptsTo(Frames frames) {
        long[] first = {0};
        try {
            Signal.handle(new Signal("INT"), signal -> {
                long now = System.nanoTime();
                if (first[0] == 0) {
                    first[0] = now == 0 ? 1 : now;
                    try {
                        frames.write(Frames.INTERRUPT, new byte[0]);
                    } catch (IOException e) {
                        System.exit(ExitCodes.INTERRUPTED);
                    }
                } else if (now - first[0] > REPEAT_NANOS) {
                    System.exit(ExitCodes.INTERRUPTED);
                }
            });
        } catch (IllegalArgumentException e) {
            // a JVM that does not let SIGINT be handled (-Xrs): Ctrl-C then ends the client, and so the run
        }
    }

    /** Standard input, read when the daemon asks, on a thread of its own so that output keeps flowing meanwhile. */
    private static final class Input {
        private final Frames frames;
        private final InputStream stdin = new FileInputStream(FileDescriptor.in);

        Input(Frames frames) {
            this.frames = frames;
        }

        void request(int max) {
            Thread.ofPlatform().daemon().name("lumen-stdin").start(() -> {
                byte[] buffer = new byte[Math.max(1, max)];
                try {
                    int n = stdin.read(buffer);
                    frames.write(Frames.INPUT, buffer, 0, Math.max(n, 0));
                } catch (IOException e) {
                    try {
                        frames.write(Frames.INPUT, new byte[0]);
                    } catch (IOException gone) {
                        // the connection is gone too; the main thread hears of it
                    }
                }
            });
        }
    }

    /** The daemon's socket, connected, or null when no daemon listens there. */
    private SocketChannel connect() throws IOException {
        if (!Files.exists(files.socket())) {
            return null;
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(files.socket()));
            return channel;
        } catch (IOException e) {
            channel.close();
            return null; // a socket file with no daemon behind it (one that was killed)
        }
    }

    /** The daemon's socket, connected; a daemon is started first when none listens (one client starts it). */
    private SocketChannel connectOrStart() throws IOException {
        SocketChannel channel = connect();
        if (channel != null) {
            return channel;
        }
        try (FileChannel lockFile = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            channel = connect();
            if (channel != null) {
                return channel; // another client started it meanwhile
            }
            Process daemon = start();
            long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
            while (System.nanoTime() < deadline) {
                channel = connect();
                if (channel != null) {
                    return channel;
                }
                if (!daemon.isAlive()) {
                    throw new IOException("the daemon exited with status " + daemon.exitValue() + " as it started"
                            + " (its log: " + files.log() + ")");
                }
                sleep(10);
            }
            daemon.destroy();
            throw new IOException("the daemon did not listen within " + TimeUnit.NANOSECONDS.toSeconds(
                    START_TIMEOUT_NANOS) + " s (its log: " + files.log() + ")");
        }
    }

    /**
     * The daemon's JVM, in a session of its own (setsid), so that neither the terminal's signals nor its closing
     * reach it, reading nothing and writing its log.
     */
    private Process start() throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(daemonCommand);
        command.addAll(List.of("-cp", launcherJar().toString(), Daemon.class.getName(), files.socket().toString(), build,
                env.getOrDefault("LUMEN_DAEMON_IDLE_SECONDS", DEFAULT_IDLE_SECONDS)));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Each command gets its client's environment; the daemon's own is the least a JVM needs, so that nothing
        // of the first client's (an API key, a tools path) could stand in for a later client's.
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String name : DAEMON_ENVIRONMENT) {
            String value = env.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        return builder
                .directory(files.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
