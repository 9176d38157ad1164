package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.lsp.run.LumenExecutable;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code lumen run} of a document in a JVM of its own, as a user starts it to attach a debugger: the same
 * Java, JVM options and class path as the test's. Standard error is read a line at a time as the run writes it
 * (the debugger's address comes there while the program waits), standard output whole at the end.
 */
final class DebuggedRun implements AutoCloseable {
    /** How long a step of a debugging session may take: generous, for a loaded machine, yet bounded. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<String> out;

    private DebuggedRun(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    err.append(line).append('\n');
                    errLines.add(line);
                }
            } catch (IOException e) {
                err.append("(standard error unreadable: ").append(e).append(")\n");
            }
        });
        this.out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    /** Starts {@code lumen run --color=never --store DIR DOCUMENT OPTIONS...}. */
    static DebuggedRun start(Path store, Path document, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--color=never", "--store", store.toString(), document.toString()));
        args.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(LumenExecutable.currentJvm(Main.class.getName()).commandLine(args))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new DebuggedRun(builder.start());
    }

    /** A loopback port free when asked. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The first line of standard error, from those not read yet, that contains {@code text}. */
    String awaitErrLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String line = errLines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("no line with `" + text + "` on standard error within " + PATIENCE.toSeconds() + " s; it says:\n" + err);
            }
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Waits for the run to end; returns its exit status. */
    int awaitExit() throws InterruptedException {
        assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                "the run did not end within " + PATIENCE.toSeconds() + " s; standard error:\n" + err);
        return process.exitValue();
    }

    /** Whether the run has ended. */
    boolean ended() {
        return !process.isAlive();
    }

    /** Standard output, once the run has ended. */
    String out() throws InterruptedException, ExecutionException, TimeoutException {
        return out.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Standard error so far. */
    String err() {
        return err.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
