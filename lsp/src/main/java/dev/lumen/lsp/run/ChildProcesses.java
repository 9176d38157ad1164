package dev.lumen.lsp.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes the server starts for the commands it executes (a {@code lumen run}, a
 * {@code lumen trace last}): each bounded in time and in the output kept, killed with the processes it started
 * when it runs too long, when its request is cancelled, or when the server ends ({@link #close}).
 */
public final class ChildProcesses implements AutoCloseable {
    private final Set<Child> live = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** What a child did: its exit status, its output (standard output and error, interleaved) as text. */
    public record Outcome(int exitCode, String output, boolean timedOut, int droppedBytes) {
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to this process's, its standard
     * input empty and its standard error merged into its output, of which the first {@code outputLimit} bytes
     * are kept.
     */
    public Child start(List<String> command, Map<String, String> environment, Path directory, int outputLimit)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        // Under the lock that close() takes, so that a child being started when the server stops is killed too.
        synchronized (live) {
            if (closed) {
                throw new IOException("the language server is shutting down");
            }
            Child child = new Child(builder.start(), outputLimit);
            live.add(child);
            return child;
        }
    }

    /** Kills every child still running, and one being started; later {@link #start}s fail. */
    @Override
    public void close() {
        synchronized (live) {
            closed = true;
            for (Child child : List.copyOf(live)) {
                child.kill();
            }
        }
    }

    /** How many children are running now. */
    public int running() {
        return (int) live.stream().filter(c -> c.process.isAlive()).count();
    }

    /** One child process and the thread that reads its output. */
    public final class Child {
        private final Process process;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;
        private final Thread reader;

        private Child(Process process, int limit) {
            this.process = process;
            this.limit = limit;
            try {
                process.getOutputStream().close(); // the child reads an empty standard input
            } catch (IOException ignored) {
                // it has exited already
            }
            this.reader = Thread.ofPlatform().daemon().name("lumen-lsp-child-output").start(this::read);
        }

        /** Reads the child's output to its end, keeping the first {@code limit} bytes (reading on lets it finish). */
        private void read() {
            byte[] buffer = new byte[8192];
            try (InputStream in = process.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    synchronized (this) {
                        int keep = (int) Math.max(0, Math.min(n, limit - kept.size()));
                        kept.write(buffer, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException ignored) {
                // the pipe closed as the child was killed
            }
        }

        /** Waits for the child to end, killing it after {@code timeout}; returns what it did. */
        public Outcome await(Duration timeout) throws InterruptedException {
            try {
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    kill();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                reader.join(Duration.ofSeconds(5));
                synchronized (this) {
                    int status = finished ? process.exitValue() : -1;
                    return new Outcome(status, kept.toString(StandardCharsets.UTF_8), !finished,
                            (int) Math.min(Integer.MAX_VALUE, dropped));
                }
            } finally {
                if (!process.isAlive()) {
                    live.remove(this);
                }
            }
        }

        /** Kills the child and every process it started (bin/lumen runs the JVM as its own child). */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            live.remove(this);
        }
    }
}
