package dev.lumen.launcher.daemon;

import dev.lumen.launcher.ExitCodes;
import dev.lumen.launcher.Invocation;
import dev.lumen.launcher.RunEngines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;

/**
 * {@code lumen}'s per-user daemon (docs/spec/daemon.md): one JVM on the optimizing Truffle runtime that runs the
 * command lines of many short-lived clients, so that they start in milliseconds and hot code is compiled by a
 * compiler that is already warm. It listens on a Unix socket only its user can reach, runs each client's command
 * on a thread of its own (a command that fails fails alone), and exits after a time with nothing to do, when
 * asked to stop, or when a client of another Lumen build comes (the installation was rebuilt).
 *
 * <p>Started by the client ({@link DaemonClient}) as {@code java … Daemon SOCKET BUILD IDLE_SECONDS}, in a session
 * of its own and with its output in the log.
 */
public final class Daemon {
    private static final Duration COLLECT_AFTER = Duration.ofSeconds(30);
    /**
     * What a large run grew goes back once no command has run for {@link #QUIET} (commands back to back do not
     * wait for a collection), or at once when it is more than {@link #COLLECT_NOW_ABOVE_GROWTH} (the serial
     * collector grows its old generation instead of collecting it, so runs back to back would add up).
     */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final long COLLECT_ABOVE_GROWTH = 32L << 20;
    private static final long COLLECT_NOW_ABOVE_GROWTH = 256L << 20;

    private final Path socket;
    private final String build;
    private final Duration idleLimit;
    private final Instant started = Instant.now();
    private final PrintStream log;
    private final Engine engine;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    /** The committed heap after the last collection this daemon asked for. */
    private final AtomicLong collectedHeap = new AtomicLong(Runtime.getRuntime().totalMemory());
    private volatile ServerSocketChannel server;
    private volatile boolean stopping;

    private Daemon(Path socket, String build, Duration idleLimit, PrintStream log) {
        this.socket = socket;
        this.build = build;
        this.idleLimit = idleLimit;
        this.log = log;
        this.engine = RunEngines.builder(log, log, false, Map.of()).build(); // a run's engine, logging here
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Daemon SOCKET BUILD IDLE_SECONDS");
            System.exit(2);
        }
        PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Daemon daemon = new Daemon(Path.of(args[0]), args[1], Duration.ofSeconds(Long.parseLong(args[2])), log);
        daemon.serve();
        System.exit(0);
    }

    /** Listens until stopped, then waits for the commands in progress. */
    private void serve() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // The client that started this daemon holds the start lock and found nobody listening: a socket file left
        // is a dead daemon's.
        Files.deleteIfExists(socket);
        channel.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        server = channel;
        log("listening on " + socket + " (build " + build + ", pid " + ProcessHandle.current().pid() + ")");
        Thread.ofPlatform().daemon().name("lumen-daemon-idle").start(this::watchIdle);
        Thread.ofPlatform().daemon().name("lumen-daemon-warm-up").priority(Thread.MIN_PRIORITY).start(this::warmUp);
        AtomicLong ids = new AtomicLong();
        while (!stopping) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (ClosedChannelException e) {
                break; // stopListening
            }
            running.incrementAndGet();
            served.incrementAndGet();
            Connection connection = new Connection(client, this);
            Thread.ofPlatform().name("lumen-daemon-command-" + ids.incrementAndGet()).start(() -> {
                try {
                    connection.run();
                } finally {
                    lastActive.set(System.nanoTime());
                    if (running.decrementAndGet() == 0 && heapGrown() > COLLECT_NOW_ABOVE_GROWTH) {
                        collect(); // the client has its exit status; a command that comes now waits for it
                    }
                }
            });
        }
        while (running.get() > 0) {
            sleep(Duration.ofMillis(50));
        }
        log("stopped after " + served.get() + " connection(s)");
    }

    /**
     * Once the command that started the daemon has ended, runs the start-up training (a check, a format check,
     * short runs, a language-server session: TrainCommand) and a second of compute-heavy code (warm-up.lm.md) on
     * the shared engine, so that the classes of the next commands and the compiler's own code are warm (HotSpot
     * compiles the Graal compiler as it works), not just loaded.
     */
    private void warmUp() {
        while (!stopping && (served.get() == 0 || running.get() > 0)) {
            sleep(Duration.ofMillis(50));
        }
        if (stopping) {
            return;
        }
        long start = System.nanoTime();
        StringWriter problems = new StringWriter();
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        Invocation invocation = new Invocation(engine, false);
        boolean ok = invocation.execute(discard, new PrintWriter(problems), "train-startup") == ExitCodes.OK;
        try {
            Path dir = Files.createTempDirectory("lumen-daemon-warm-up");
            try {
                Path document = dir.resolve("warm-up.lm.md");
                try (InputStream in = Daemon.class.getResourceAsStream("warm-up.lm.md")) {
                    Files.write(document, in.readAllBytes());
                }
                ok &= invocation.execute(discard, new PrintWriter(problems), "run", document.toString(), "--store",
                        dir.toString()) == ExitCodes.OK;
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            ok = false;
            problems.append(e.toString());
        }
        log("warmed up in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms"
                + (ok ? "" : "; the warm-up failed: " + problems));
    }

    /**
     * Stops after {@link #idleLimit} with no command running. Before that, collects the heap once it has grown
     * and no command has run for {@link #QUIET}, and after {@link #COLLECT_AFTER} with none, so that what large
     * runs, the compiler and small runs left goes back to the system (bin/lumen-jvm.sh).
     */
    private void watchIdle() {
        long collectedAt = lastActive.get();
        while (!stopping) {
            sleep(Duration.ofMillis(250));
            long last = lastActive.get();
            long idle = System.nanoTime() - last;
            if (running.get() > 0) {
                continue;
            }
            if (idle > idleLimit.toNanos()) {
                stopListening("idle for " + idleLimit.toSeconds() + " s");
            } else if (idle > COLLECT_AFTER.toNanos() && collectedAt != last) {
                collectedAt = last;
                collect();
            } else if (idle > QUIET.toNanos() && heapGrown() > COLLECT_ABOVE_GROWTH) {
                collect();
            }
        }
    }

    /** How much the committed heap has grown since the last collection this daemon made. */
    private long heapGrown() {
        return Runtime.getRuntime().totalMemory() - collectedHeap.get();
    }

    /**
     * A full collection, which gives the free heap back to the system at once (-XX:-ShrinkHeapInSteps in
     * bin/lumen-jvm.sh): of a heap that is mostly garbage by now, it takes about 0.1 s.
     */
    private void collect() {
        System.gc();
        collectedHeap.set(Runtime.getRuntime().totalMemory());
    }

    /** Takes no more clients (the socket file goes at once, so that the next client starts a new daemon). */
    void stopListening(String why) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        log("stopping: " + why);
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel channel = server;
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log("stopping: " + e.getMessage());
        }
    }

    String build() {
        return build;
    }

    Engine engine() {
        return engine;
    }

    /** The commands running now, the asking one included. */
    int running() {
        return running.get();
    }

    /** What {@code lumen daemon status} shows. */
    String status() {
        Runtime rt = Runtime.getRuntime();
        long mb = 1 << 20;
        return String.format(Locale.ROOT, """
                lumen daemon: running, pid %d, for %s
                  build:     %s
                  runtime:   %s
                  commands:  %d served, %d running (this status included)
                  heap:      %d MB used of %d MB (at most %d MB)
                  idle exit: after %d s with no command
                  socket:    %s
                """, ProcessHandle.current().pid(), Duration.between(started, Instant.now()).withNanos(0),
                build, engine.getImplementationName(), served.get(), running.get(), (rt.totalMemory() - rt.freeMemory()) / mb,
                rt.totalMemory() / mb, rt.maxMemory() / mb, idleLimit.toSeconds(), socket);
    }

    void log(String message) {
        log.println(Instant.now() + " " + message);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
