package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run (run.md §5): the run is a child JVM, sent SIGINT as a terminal would. The MCP call
 * in flight is cancelled (the server receives notifications/cancelled naming it), the trace records the
 * cancellation, verifies and replays, the server process stops with the run, and the status is 130.
 */
@Timeout(120)
class McpInterruptTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("received.log");
    }

    private Path document(String body, String grants) throws IOException, URISyntaxException {
        Path server = Path.of(McpInterruptTest.class.getResource("slow_mcp_server.py").toURI());
        Files.createDirectories(dir.resolve(".lumen"));
        Path doc = Files.writeString(dir.resolve("stuck.lm.md"), """
                ```lumen
                use tool mcp "stdio:python3 %s %s" as Slow
                %s

                cell run() -> String
                %s
                end
                ```
                """.formatted(server, log(), grants, body));
        assertEquals(ExitCodes.OK, lumen("lock", doc.toString()).status());
        return doc;
    }

    /** `lumen run` of {@code doc} in a JVM of its own, as bin/lumen starts it. */
    private Process start(Path doc) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                Main.class.getName(), "run", doc.toString());
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    private void await(Process run, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(run.isAlive(), "the run ended before " + what + ": " + Files.readString(dir.resolve("err.txt")));
            assertTrue(System.nanoTime() < deadline, what + " did not happen within 60 s");
            Thread.sleep(50);
        }
    }

    private String received() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Sends SIGINT to the run and waits for it to end; its status. */
    private int interrupt(Process run) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run did not stop on SIGINT");
        return run.exitValue();
    }

    private List<TraceEvent> lastTrace() {
        Store store = Store.at(dir);
        String runId = store.runIds().getLast();
        assertTrue(TraceVerifier.verify(store, runId).ok(), "the trace of the cancelled run verifies");
        return TraceReader.read(store, runId).events();
    }

    @Test
    void ctrlCCancelsTheMcpCallInFlightRecordsItAndExits130() throws Exception {
        Path doc = document("  return Slow.wait().text", "grant Slow.wait timeout_ms 600000");
        Process run = start(doc);
        try {
            await(run, () -> received().contains("tools/call "), "the call reached the server");
            assertEquals(1, servers(), "one server process serves the call");
            assertEquals(ExitCodes.INTERRUPTED, interrupt(run));
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (servers() > 0 && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertEquals(0, servers(), "the server process outlived the interrupted run");
        } finally {
            run.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertTrue(err.startsWith("error: `Slow.wait` (of stdio:python3 "), err);
        assertTrue(err.contains(") was cancelled with the run: interrupted (Ctrl-C)\n"), err);

        List<String> lines = Files.readAllLines(log());
        JsonNode call = CanonicalJson.parse(lines.stream().filter(l -> l.startsWith("tools/call ")).findFirst()
                .orElseThrow().substring("tools/call ".length()));
        JsonNode cancelled = CanonicalJson.parse(lines.stream().filter(l -> l.startsWith("notifications/cancelled "))
                .findFirst().orElseThrow(() -> new AssertionError("the server was not told: " + lines))
                .substring("notifications/cancelled ".length()));
        assertEquals(call.get("id"), cancelled.get("requestId"));
        assertEquals("the Lumen run that made the call was cancelled", cancelled.get("reason").textValue());

        List<TraceEvent> events = lastTrace();
        TraceEvent toolCall = events.stream().filter(e -> e.kind() == EventKind.TOOL_CALL).findFirst().orElseThrow();
        assertEquals("cancelled", toolCall.errorKind());
        TraceEvent error = events.get(events.size() - 2);
        assertEquals(EventKind.ERROR, error.kind());
        assertEquals("cancelled", error.errorKind());
        assertEquals("run", error.json().get("cell").textValue());
        assertNull(error.json().get("line"), "a cancellation has no place in the document");
        TraceEvent end = events.getLast();
        assertEquals(EventKind.RUN_END, end.kind());
        assertEquals("cancelled", end.errorKind());

        EmitCommandTest.Run show = lumen("trace", "last", "--store", dir.toString());
        assertEquals(ExitCodes.OK, show.status(), show.err());
        assertTrue(show.out().contains("error cancelled: `Slow.wait` (of stdio:python3 "), show.out());
        assertTrue(show.out().contains("run_end error"), show.out());
        // the replay needs no server: it fails as the recorded run failed, with its chain
        EmitCommandTest.Run replay = lumen("replay", "last", "--store", dir.toString());
        assertEquals(ExitCodes.ERRORS, replay.status(), replay.err());
        assertTrue(replay.err().contains("(it failed as the recorded run failed)"), replay.err());
    }

    @Test
    void ctrlCStopsAProgramInALoopAtItsNextSafepointAndTheReplayStopsThere() throws Exception {
        Path doc = document("""
                  let first = Slow.work().text
                  let mut n = 0
                  for i in range(0, 1000000000)
                    for j in range(0, 1000000000)
                      n = n + 1
                    end
                  end
                  return "{first} {n}"
                """, "grant Slow.work timeout_ms 30000");
        Process run = start(doc);
        try {
            await(run, () -> Store.at(dir).runIds().size() == 1 && traceHasToolCall(), "the loop started");
            Thread.sleep(300);
            assertEquals(ExitCodes.INTERRUPTED, interrupt(run));
        } finally {
            run.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertTrue(err.startsWith("error: the run was cancelled: interrupted (Ctrl-C)\n"), err);
        List<TraceEvent> events = lastTrace();
        assertEquals(List.of(EventKind.RUN_START, EventKind.CELL_START, EventKind.TOOL_CALL, EventKind.ERROR,
                EventKind.RUN_END), events.stream().map(TraceEvent::kind).toList());
        assertFalse(received().contains("notifications/cancelled"), "no call was in flight");

        EmitCommandTest.Run replay = lumen("replay", "last", "--store", dir.toString());
        assertEquals(ExitCodes.ERRORS, replay.status(), replay.err());
        assertTrue(replay.err().contains("replayed run ") && replay.err().contains(": 5 events, the recorded hash chain"
                + " (it failed as the recorded run failed)"), replay.status() + " " + replay.out() + " " + replay.err());
    }

    private boolean traceHasToolCall() {
        Store store = Store.at(dir);
        try {
            return TraceReader.read(store, store.runIds().getLast()).events().stream()
                    .anyMatch(e -> e.kind() == EventKind.TOOL_CALL);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The slow servers still running, started by this test's run. */
    private long servers() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(log().toString()))
                .count();
    }
}
