package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole editing session over a document that imports MCP servers (one a command, one on a loopback address
 * this test listens on) and native tools that reach the network and the disk: the server starts no process,
 * opens no socket and writes nothing. The MCP calls are typed from the lock file, which does not exist, so both
 * servers are E0048.
 */
class SessionRunsNothingTest {
    @TempDir
    Path dir;

    @Test
    void noProcessNoSocketNoFile() throws Exception {
        Files.createDirectories(dir.resolve(".lumen"));
        Path marker = dir.resolve("MARKER");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread accepting = Thread.ofPlatform().daemon().start(() -> accept(listener, connections));
            String address = "http://127.0.0.1:" + listener.getLocalPort() + "/mcp";
            Path file = dir.resolve("tools.lm.md");
            String text = """
                    # Tools of every kind

                    ```lumen
                    use tool mcp "stdio:sh -c 'touch %s'" as Local
                    use tool mcp "%s" as Remote
                    use tool http.get as Fetch
                    use tool fs.read as Read
                    grant Local.anything
                    grant Remote.search
                    grant Fetch domain "127.0.0.1"
                    grant Read path "%s"

                    cell run() -> Json
                      let _page = Fetch(url: "%s")
                      let _text = Read(path: "%s")
                      let _found = Remote.search(query: "x")
                      return Local.anything()
                    end
                    ```
                    """.formatted(marker, address, dir, address, file);
            Files.writeString(file, text);
            Set<Long> childrenBefore = children();
            long socketsBefore = openSockets();
            List<String> before = listing();

            try (LspSession session = LspSession.start()) {
                var first = session.open(file, text);
                assertEquals(List.of("E0048", "E0048"), first.getDiagnostics().stream()
                        .map(d -> d.getCode().getLeft()).toList(), first.getDiagnostics().toString());
                String uri = file.toUri().toString();
                Position end = new Position(16, 0);
                session.change(uri, new Range(end, end), "  # an edit\n");
                session.symbols(uri);
                session.tokens(uri);
                session.lenses(uri);
                session.close(uri);
                session.cleared(uri);
                assertEquals(0, session.shutdown());
            }

            assertFalse(Files.exists(marker), "the MCP server's command ran");
            Thread.sleep(200); // a connection attempt would have been accepted by now
            assertEquals(0, connections.get(), "the server connected to the MCP address");
            assertEquals(childrenBefore, children(), "a process was started");
            assertTrue(openSockets() <= socketsBefore, "a socket was left open");
            assertEquals(before, listing(), "a file was written");
            accepting.interrupt();
        }
    }

    private static void accept(ServerSocket listener, AtomicInteger connections) {
        try {
            listener.setSoTimeout(100);
        } catch (IOException e) {
            return;
        }
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                connections.incrementAndGet();
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return;
            }
        }
    }

    /** This JVM's descendants, by pid. */
    private static Set<Long> children() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** How many sockets this process has open (Linux). */
    private static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(Path::toString).sorted().toList();
        }
    }
}
