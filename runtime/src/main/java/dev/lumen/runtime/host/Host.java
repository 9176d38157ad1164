package dev.lumen.runtime.host;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** PLACEHOLDER until the real Host lands. */
public record Host(Path directory, Map<String, String> environment, InputStream in, PrintStream err) {
    private static final InheritableThreadLocal<Host> CURRENT = new InheritableThreadLocal<>();

    public static Host current() {
        Host h = CURRENT.get();
        return h != null ? h : new Host(Path.of("").toAbsolutePath(), System.getenv(), System.in, System.err);
    }

    public static <T> T with(Host host, Callable<T> body) throws Exception {
        Host previous = CURRENT.get();
        CURRENT.set(host);
        try {
            return body.call();
        } finally {
            CURRENT.set(previous);
        }
    }
}
