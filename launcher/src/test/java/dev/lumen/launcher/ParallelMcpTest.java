package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @parallel} calls of one MCP server, the reference server-everything over stdio and over Streamable
 * HTTP: they share its session and overlap, end in the reverse of their order, and are traced in source order,
 * so that a cached re-run and a replay give the first run's hash chain.
 */
@Timeout(120)
class ParallelMcpTest {
    @TempDir
    Path dir;

    /** 1.2 s, 0.7 s and 0.2 s: one after the other 2.1 s, together 1.2 s, and the last ends first. */
    private static final String CELL = """
            grant Everything.`trigger-long-running-operation` timeout_ms 20000 cache true

            cell run() -> String
              @parallel
              let a = Everything.`trigger-long-running-operation`(duration: 1.2, steps: 1.0)
              let b = Everything.`trigger-long-running-operation`(duration: 0.7, steps: 1.0)
              let c = Everything.`trigger-long-running-operation`(duration: 0.2, steps: 1.0)
              @end
              return a.text + " | " + b.text + " | " + c.text
            end
            """;

    private Path document(String address) throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        return Files.writeString(dir.resolve("parallel.lm.md"),
                "```lumen\nuse tool mcp \"" + address + "\" as Everything\n" + CELL + "```\n");
    }

    @Test
    void callsOfOneServerOverStdioOverlapAndAreTracedInSourceOrder() throws IOException {
        Path doc = document("stdio:node " + McpTestPeers.entryPoint("everything") + " stdio");
        runsTogetherAndReproduces(doc);
    }

    @Test
    void callsOfOneServerOverStreamableHttpOverlapAndAreTracedInSourceOrder() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", McpTestPeers.entryPoint("everything").toString(),
                "streamableHttp").redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        Process server = builder.start();
        try {
            McpExamplesTest.awaitListening(server, port);
            runsTogetherAndReproduces(document("http://127.0.0.1:" + port + "/mcp"));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void callsOfAServerThatMayAskTheClientTakeTurns() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Path doc = Files.writeString(dir.resolve("parallel.lm.md"), "```lumen\nuse tool mcp \"stdio:node "
                + McpTestPeers.entryPoint("everything") + " stdio\" as Everything\ngrant Everything roots \"data\"\n"
                + CELL + "```\n");
        Files.createDirectories(dir.resolve(".lumen"));
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        Trace trace = latest();
        assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok());
        Duration cell = Duration.between(timestamp(trace, EventKind.CELL_START), timestamp(trace, EventKind.CELL_END));
        // roots granted: what the server asks during a call belongs to that call, so the calls do not overlap
        assertTrue(cell.toMillis() >= 2_100, "one after the other: 2.1 s of calls; they took " + cell);
    }

    private void runsTogetherAndReproduces(Path doc) {
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"Long running operation completed. Duration: 1.2 seconds, Steps: 1. | "
                + "Long running operation completed. Duration: 0.7 seconds, Steps: 1. | "
                + "Long running operation completed. Duration: 0.2 seconds, Steps: 1.\"", run.out().strip());
        Trace first = latest();
        assertTrue(TraceVerifier.verify(Store.at(dir), first.runId()).ok());
        List<TraceEvent> calls = calls(first);
        assertEquals(3, calls.size());
        for (int i = 0; i < calls.size(); i++) { // in source order, though they ended in the reverse one
            String duration = List.of("1.2", "0.7", "0.2").get(i);
            assertTrue(calls.get(i).json().get("outputs").toString().contains("Duration: " + duration + " seconds"),
                    calls.get(i).json().toString());
        }
        Duration cell = Duration.between(timestamp(first, EventKind.CELL_START), timestamp(first, EventKind.CELL_END));
        assertTrue(cell.toMillis() < 1_900, "2.1 s of calls one after the other; together they took " + cell);

        EmitCommandTest.Run again = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, again.status(), again.err());
        Trace cached = latest();
        assertTrue(calls(cached).stream().allMatch(TraceEvent::cached), "the re-run is answered by the cache");
        assertEquals(first.events().getLast().hash(), cached.events().getLast().hash());

        EmitCommandTest.Run replay = lumen("replay", first.runId(), "--store=" + dir);
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertEquals(first.events().getLast().hash(), latest().events().getLast().hash());
    }

    private Trace latest() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast());
    }

    private static List<TraceEvent> calls(Trace trace) {
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
    }

    private static Instant timestamp(Trace trace, EventKind kind) {
        return Instant.parse(trace.events().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow()
                .json().get("timestamp").textValue());
    }
}
