package dev.lumen.runtime.tools.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The HTTP clients the bundled tools make, so that a process about to exit can stop them first. A JDK client
 * keeps a selector thread waiting in native code for as long as it lives, and the JVM's exit waits up to 300 ms
 * for threads in native code to come back: without {@link #closeAll}, every `lumen run` that made an HTTP
 * call took 0.3 s longer to exit than one that did not.
 */
public final class ProcessHttpClients {
    /** How long closing waits for the clients' threads to end. */
    private static final Duration CLOSE_WAIT = Duration.ofMillis(200);
    /** Weakly held: a client no tool uses any more is collected, and closes with its collection. */
    private static final Set<HttpClient> OPEN = Collections.newSetFromMap(new WeakHashMap<>());

    private ProcessHttpClients() {
    }

    /** A client built by {@code builder}, which {@link #closeAll} stops. */
    public static HttpClient open(HttpClient.Builder builder) {
        HttpClient client = builder.build();
        synchronized (OPEN) {
            OPEN.add(client);
        }
        return client;
    }

    /**
     * Stops every client opened, abandoning the exchanges still under way, and waits briefly for their threads:
     * for a process that is about to exit, after its last call. No client may be used afterwards.
     */
    public static void closeAll() {
        List<HttpClient> clients;
        synchronized (OPEN) {
            clients = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        clients.forEach(HttpClient::shutdownNow);
        try {
            for (HttpClient client : clients) {
                client.awaitTermination(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
