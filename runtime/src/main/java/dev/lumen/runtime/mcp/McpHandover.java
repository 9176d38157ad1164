package dev.lumen.runtime.mcp;

import dev.lumen.runtime.host.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions opened before a run to read servers' tools, kept open for the run's calls so that one run opens one
 * session per server (mcp-bridge-v1.md §9.1). Kept per server address and document directory, within this
 * process; the run takes a session at its first call of the server, and closes it, with any it did not take,
 * when it ends.
 */
public final class McpHandover {
    private static final Map<Key, McpServer> KEPT = new HashMap<>();

    private record Key(String address, Path directory) {
        Key {
            directory = Host.current().absolute(directory).normalize();
        }
    }

    private McpHandover() {
    }

    /** Keeps {@code server}, connected to {@code address} for a document in {@code directory}, for the run. */
    public static void keep(String address, Path directory, McpServer server) {
        McpServer replaced;
        synchronized (KEPT) {
            replaced = KEPT.put(new Key(address, directory), server);
        }
        if (replaced != null) {
            replaced.close();
        }
    }

    /** The session kept for {@code address} and {@code directory}, which the caller now owns, if there is one. */
    public static Optional<McpServer> take(String address, Path directory) {
        synchronized (KEPT) {
            return Optional.ofNullable(KEPT.remove(new Key(address, directory)));
        }
    }

    /** Closes the sessions kept for documents in {@code directory} that no run took. */
    public static void closeKept(Path directory) {
        Path normalized = Host.current().absolute(directory).normalize();
        List<McpServer> unused = new ArrayList<>();
        synchronized (KEPT) {
            KEPT.entrySet().removeIf(kept -> kept.getKey().directory().equals(normalized) && unused.add(kept.getValue()));
        }
        unused.forEach(McpServer::close);
    }
}
