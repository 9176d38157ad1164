package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that has made a request keeps a selector thread in native code, which a JVM's exit waits for (up to
 * 300 ms); {@link ProcessHttpClients#closeAll} ends it, so that `lumen run` exits at once after an HTTP call.
 */
class ProcessHttpClientsTest {

    private static List<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("SelectorManager") && t.isAlive()).toList();
    }

    private static HttpClient client() {
        return ProcessHttpClients.shared("test", () -> HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    private static String get(HttpClient client, LoopbackServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void closingTheClientsEndsTheirSelectorThreads() throws Exception {
        try (LoopbackServer server = new LoopbackServer().route("/", LoopbackServer.respond(200, "ok"))) {
            List<Thread> before = selectors();
            HttpClient client = client();
            assertEquals("ok", get(client, server));
            List<Thread> started = selectors().stream().filter(t -> !before.contains(t)).toList();
            assertEquals(1, started.size(), "the client's selector thread");

            ProcessHttpClients.closeAll();
            started.getFirst().join(2_000);
            assertTrue(client.isTerminated(), "the client is stopped");
            assertTrue(!started.getFirst().isAlive(), "its selector thread has ended");

            HttpClient again = client(); // a later call, in a process that goes on, gets a new client
            assertTrue(again != client);
            assertEquals("ok", get(again, server));
            ProcessHttpClients.closeAll();
        }
    }
}
