package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static dev.lumen.launcher.OtlpReceiver.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export as the run goes: a tool call's span reaches the collector while the run is still waiting on its next
 * call, with the ids and attributes {@code lumen trace export} gives it; a run stopped by Ctrl-C or killed leaves
 * its trace complete and sends what it had. {@code lumen serve} and {@code lumen replay} export their runs too.
 */
@Timeout(120)
class OtelLiveExportTest {
    @TempDir
    Path dir;

    private LoopbackHttp api;
    /** Holds the slow call until the test is done with it. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Counted down when the slow call has come, so the fast one is over. */
    private final CountDownLatch slowCame = new CountDownLatch(1);
    private volatile long slowCameAt;

    @BeforeEach
    void startApi() throws IOException {
        api = new LoopbackHttp(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowCameAt = System.nanoTime();
                slowCame.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LoopbackHttp.respond(exchange, 200, "{}");
        });
    }

    @AfterEach
    void stopApi() {
        release.countDown();
        api.close();
    }

    /** A call that returns at once, then one that waits for the test. */
    private Path document() throws IOException {
        return Files.writeString(dir.resolve("slow.lm.md"), """
                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "127.0.0.1:%d"

                cell run() -> Int
                  let fast = Fetch(url: "http://127.0.0.1:%d/fast")
                  let slow = Fetch(url: "http://127.0.0.1:%d/slow")
                  return fast.status + slow.status
                end
                ```
                """.formatted(api.port(), api.port(), api.port()));
    }

    /** {@code lumen run} of the document in a JVM of its own, exporting to {@code collector}. */
    private Process start(OtlpReceiver collector) throws IOException {
        return InvoiceAgentExampleTest.childProcess(Map.of(), "run", document().toString(), "--store", dir.toString(),
                        "--otel-endpoint", collector.endpoint())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
    }

    /** The first call's span, received while the run waits on the second. */
    private Span firstCallWhileRunning(OtlpReceiver collector, Process run) throws Exception {
        assertTrue(slowCame.await(60, TimeUnit.SECONDS), "the run did not reach its second call");
        Span first = collector.awaitSpan("execute_tool http.get", 20);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - slowCameAt);
        System.out.println("OtelLiveExportTest: the first call's span came " + millis + " ms after the second call began");
        assertTrue(run.isAlive(), "the run is still waiting on its second call");
        assertEquals(1, release.getCount(), "and the second call is still held");
        assertEquals(List.of("execute_tool http.get"), collector.spans().stream().map(Span::getName).toList(),
                "the cell and the run have not ended");
        return first;
    }

    private Trace lastTrace() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast());
    }

    @Test
    void aToolCallsSpanLeavesWhileTheRunGoesOnAndCtrlCStillEndsTheTraceAndTheRunSpan() throws Exception {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            Process run = start(collector);
            try {
                Span first = firstCallWhileRunning(collector, run);
                assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());
                assertTrue(run.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not stop the run");
                assertEquals(ExitCodes.INTERRUPTED, run.exitValue(), Files.readString(dir.resolve("err.txt")));

                Trace trace = lastTrace();
                assertTrue(trace.finished(), "the cancellation is recorded and the trace closed");
                assertEquals("cancelled", trace.events().getLast().errorKind());
                assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok());
                Span root = collector.awaitSpan("run run", 10);
                assertEquals(Status.StatusCode.STATUS_CODE_ERROR, root.getStatus().getCode());
                assertEquals(trace.runId(), text(first, "lumen.trace_id"));
                assertEquals(first.getTraceId(), root.getTraceId());

                try (OtlpReceiver again = new OtlpReceiver(200)) {
                    EmitCommandTest.Run export = lumen("trace", "export", trace.runId(), "--store=" + dir,
                            "--otel-endpoint", again.endpoint());
                    assertEquals(ExitCodes.OK, export.status(), export.err());
                    assertEquals(sorted(collector.spans()), sorted(again.spans()),
                            "the spans sent as the run went are those its trace gives after the fact");
                }
            } finally {
                run.destroyForcibly();
            }
        }
    }

    private static List<Span> sorted(List<Span> spans) {
        return spans.stream().sorted(Comparator.comparing(s -> s.getSpanId().toStringUtf8())).toList();
    }

    @Test
    void aKilledRunSendsWhatItHadEndedAtItsLastEventAndItsTraceIsWholeToThere() throws Exception {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            Process run = start(collector);
            try {
                firstCallWhileRunning(collector, run);
                run.destroy(); // SIGTERM
                assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run was not stopped");

                Trace trace = lastTrace();
                assertFalse(trace.finished(), "killed, the run did not end");
                assertEquals(null, trace.problem(), "every line is whole");
                assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok(), "it verifies, unfinished");
                Span root = collector.awaitSpan("run run", 10);
                Span cell = collector.span("cell run");
                assertEquals(root.getEndTimeUnixNano(), cell.getEndTimeUnixNano(), "both end at the last event");
                assertEquals(trace.runId(), text(root, "lumen.trace_id"));
            } finally {
                run.destroyForcibly();
            }
        }
    }

    @Test
    void aServedCallIsARunExportedAsItGoes() throws Exception {
        Path doc = Files.writeString(dir.resolve("shop.lm.md"), ServeCommandTest.SHOP);
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            try (McpSyncClient client = ServeCommandTest.stdio(doc, dir, line -> { },
                    "--otel-endpoint", collector.endpoint())) {
                ServeCommandTest.call(client, "parse_order", Map.of("text", "{\"sku\": \"ABCD\", \"qty\": 2}"));
                Span root = collector.awaitSpan("run parse_order", 20);
                Span parse = collector.span("execute_tool json.parse");
                assertEquals(root.getTraceId(), parse.getTraceId());
                String runId = Store.at(dir).runIds().getLast();
                assertEquals(runId, text(root, "lumen.trace_id"));
                assertEquals(runId, text(parse, "lumen.trace_id"));
            }
        }
    }

    /** A collector that refuses the spans of served calls is one warning, after a call, and the server goes on. */
    @Test
    void aServerWhoseCollectorRefusesTheSpansWarnsOnce() throws Exception {
        Path doc = Files.writeString(dir.resolve("shop.lm.md"), ServeCommandTest.SHOP);
        List<String> stderr = new CopyOnWriteArrayList<>();
        Map<String, Object> order = Map.of("text", "{\"sku\": \"ABCD\", \"qty\": 2}");
        try (OtlpReceiver collector = new OtlpReceiver(400)) {
            try (McpSyncClient client = ServeCommandTest.stdio(doc, dir, stderr::add, "--otel-endpoint",
                    collector.endpoint())) {
                ServeCommandTest.call(client, "parse_order", order);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (collector.requests().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(collector.requests().isEmpty(), "the first call's spans were sent");
                Thread.sleep(200); // the refusal reaches the server
                for (int i = 0; i < 2; i++) {
                    McpSchema.CallToolResult result = ServeCommandTest.call(client, "parse_order", order);
                    assertFalse(result.isError(), "the server goes on");
                }
            }
            List<String> warnings = stderr.stream().filter(l -> l.startsWith("warning:")).toList();
            assertEquals(1, warnings.size(), stderr::toString);
            assertTrue(warnings.getFirst().startsWith("warning: 2 runs not exported: the OTLP endpoint "
                    + collector.endpoint()), warnings.getFirst());
            assertTrue(warnings.getFirst().endsWith("(their traces are complete in " + Store.at(dir).traceDir() + ")"),
                    warnings.getFirst());
        }
    }

    @Test
    void aReplayIsExportedAsTheRunItIs() throws IOException {
        Path doc = document();
        release.countDown();
        EmitCommandTest.Run first = lumen("run", doc.toString(), "--store=" + dir);
        assertEquals(ExitCodes.OK, first.status(), first.err());
        String recorded = Store.at(dir).runIds().getLast();
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            EmitCommandTest.Run replay = lumen("replay", recorded, "--store", dir.toString(), "--otel-endpoint",
                    collector.endpoint());
            assertEquals(ExitCodes.OK, replay.status(), replay.err());
            String replayed = Store.at(dir).runIds().getLast();
            assertNotEquals(recorded, replayed, "a replay is a run of its own");
            Span root = collector.span("run run");
            assertEquals(replayed, text(root, "lumen.trace_id"));
            assertEquals(2, collector.spans().stream().filter(s -> s.getName().equals("execute_tool http.get")).count());
            assertEquals(EventKind.RUN_END, lastTrace().events().getLast().kind());
        }
    }
}
