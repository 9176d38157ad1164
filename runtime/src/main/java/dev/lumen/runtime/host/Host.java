package dev.lumen.runtime.host;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The process a command runs for: its working directory, environment, standard input, and the standard error
 * that prompts (such as an MCP sign-in address) go to. In a plain {@code lumen} process that is the JVM's own;
 * a long-lived process that runs commands for several clients at once binds each command's {@link #with own},
 * since Java cannot give one thread a working directory or environment of its own.
 *
 * <p>Every read of the working directory, the environment or standard input outside this class goes through
 * {@link #current()}; an architecture test keeps it so.
 *
 * @param directory the working directory, absolute and normalized: relative paths are resolved against it
 * @param environment the environment variables
 * @param in standard input
 * @param err standard error, for prompts to the user
 */
public record Host(Path directory, Map<String, String> environment, InputStream in, PrintStream err) {

    /**
     * Inheritable, so that the threads a command starts (the workers of a {@code @parallel} block, tool output
     * readers, a run's own thread) see the host it runs for.
     */
    private static final InheritableThreadLocal<Host> BOUND = new InheritableThreadLocal<>();

    public Host {
        directory = directory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(err, "err");
    }

    /** The host bound to this thread by {@link #with}, else this process's own. */
    public static Host current() {
        Host bound = BOUND.get();
        return bound != null ? bound : Process.host();
    }

    /**
     * Runs {@code body} with {@code host} bound to this thread and to the threads it starts, then restores the
     * binding it replaced. Threads that already exist, such as those of a pool made before the call, keep the
     * host they were made with: whatever runs for the command must be started from within {@code body}.
     */
    public static <T> T with(Host host, Callable<T> body) throws Exception {
        Host before = BOUND.get();
        BOUND.set(Objects.requireNonNull(host, "host"));
        try {
            return body.call();
        } finally {
            if (before == null) {
                BOUND.remove();
            } else {
                BOUND.set(before);
            }
        }
    }

    /** {@code path}, resolved against this host's working directory when it is relative. */
    public Path absolute(Path path) {
        return path.isAbsolute() ? path : directory.resolve(path);
    }

    /** The path named {@code path} (as typed on a command line), resolved against the working directory. */
    public Path resolve(String path) {
        return absolute(Path.of(path));
    }

    /** The value of environment variable {@code name}, or null when it is unset. */
    public String env(String name) {
        return environment.get(name);
    }

    /** The user's home directory: {@code HOME} when the environment sets it, else the JVM's {@code user.home}. */
    public Path home() {
        String home = environment.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    /**
     * This process's own host, made on first use. Its directory and environment are fixed for the process's life;
     * its streams follow {@link System#setIn} and {@link System#setErr}, which tests and embedders use.
     */
    private static final class Process {
        private static volatile Host host = new Host(Path.of(""), System.getenv(), System.in, System.err);

        static Host host() {
            Host h = host;
            if (h.in != System.in || h.err != System.err) {
                h = new Host(h.directory, h.environment, System.in, System.err);
                host = h;
            }
            return h;
        }
    }
}
