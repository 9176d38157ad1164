package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static dev.lumen.launcher.OtlpReceiver.has;
import static dev.lumen.launcher.OtlpReceiver.isRoot;
import static dev.lumen.launcher.OtlpReceiver.number;
import static dev.lumen.launcher.OtlpReceiver.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen run --otel} and {@code lumen trace export --otel} send a run to a real OTLP/HTTP collector on
 * loopback, which decodes the protobuf requests: a span per run, effectful cell and tool call, nested as the
 * trace is, each leading back to its event; a collector that refuses or is not there fails nothing.
 */
class OtelExportTest {
    @TempDir
    Path dir;

    private LoopbackHttp api;

    @BeforeEach
    void startApi() throws IOException {
        api = new LoopbackHttp(exchange -> LoopbackHttp.respond(exchange, 200, "{\"user\":\"ada\"}"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private Path document() throws IOException {
        return Files.writeString(dir.resolve("fetch.lm.md"), """
                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "127.0.0.1:%d"
                  redact "authorization"

                cell fetch() -> Int
                  let response = Fetch(url: "http://127.0.0.1:%d/user", headers: {"Authorization": "Bearer secret"})
                  return response.status
                end

                cell run() -> Int
                  return fetch()
                end
                ```
                """.formatted(api.port(), api.port()));
    }

    private String store() {
        return "--store=" + dir;
    }

    private Trace lastTrace() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast());
    }

    private static TraceEvent event(Trace trace, EventKind kind) {
        return trace.events().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void aRunIsASpanTreeOfItsCellsAndToolCallsLeadingBackToTheEvents() throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            EmitCommandTest.Run r = lumen("run", document().toString(), store(), "--otel-endpoint", collector.endpoint());
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("200\n", r.out());
            assertEquals("", r.err());
            assertEquals(List.of(), collector.problems());

            Trace trace = lastTrace();
            Span run = collector.span("run run");
            Span outer = collector.span("cell run");
            Span cell = collector.span("cell fetch");
            Span tool = collector.span("execute_tool http.get");
            assertEquals(4, collector.spans().size(), "the run, its two effectful cells, the call");
            assertTrue(isRoot(run));
            assertEquals(run.getSpanId(), outer.getParentSpanId());
            assertEquals(outer.getSpanId(), cell.getParentSpanId());
            assertEquals(cell.getSpanId(), tool.getParentSpanId());
            assertEquals(run.getTraceId(), tool.getTraceId());
            assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, tool.getKind());

            TraceEvent start = event(trace, EventKind.RUN_START);
            TraceEvent call = event(trace, EventKind.TOOL_CALL);
            TraceEvent cellStart = trace.events().stream()
                    .filter(e -> e.kind() == EventKind.CELL_START && "fetch".equals(e.cell())).findFirst().orElseThrow();
            TraceEvent end = event(trace, EventKind.RUN_END);
            for (Span span : List.of(run, cell, tool)) {
                assertEquals(trace.runId(), text(span, "lumen.trace_id"));
            }
            assertEquals(start.seq(), number(run, "lumen.seq"));
            assertEquals(start.hash(), text(run, "lumen.hash"));
            assertEquals(end.hash(), text(run, "lumen.end_hash"));
            assertEquals("ok", text(run, "lumen.status"));
            assertEquals(cellStart.seq(), number(cell, "lumen.seq"));
            assertEquals(cellStart.hash(), text(cell, "lumen.hash"));
            assertEquals(call.seq(), number(tool, "lumen.seq"));
            assertEquals(call.hash(), text(tool, "lumen.hash"));
            assertEquals(call.inputsHash(), text(tool, "lumen.inputs_hash"));
            assertEquals("http.get", text(tool, "gen_ai.tool.name"));
            assertEquals("fetch", text(tool, "lumen.cell"));
            assertTrue(tool.getStartTimeUnixNano() <= tool.getEndTimeUnixNano());
            assertTrue(run.getStartTimeUnixNano() <= cell.getStartTimeUnixNano()
                    && cell.getEndTimeUnixNano() <= run.getEndTimeUnixNano());

            String resource = collector.requests().getFirst().getResourceSpans(0).getResource().toString();
            assertTrue(resource.contains("service.name") && resource.contains("lumen"), resource);
            for (byte[] body : collector.bodies()) {
                assertFalse(new String(body, StandardCharsets.ISO_8859_1).contains("secret"),
                        "what the grant redacts stays out of the spans");
            }
        }
    }

    /**
     * {@code --otel} alone takes the SDK's standard configuration: the {@code otel.*} system properties here, as
     * the {@code OTEL_*} variables for a user (the endpoint, the service name).
     */
    @Test
    void otelAloneIsConfiguredTheStandardWay() throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            System.setProperty("otel.exporter.otlp.endpoint", collector.endpoint());
            System.setProperty("otel.service.name", "shop-agent");
            EmitCommandTest.Run r;
            try {
                r = lumen("run", document().toString(), store(), "--otel");
            } finally {
                System.clearProperty("otel.exporter.otlp.endpoint");
                System.clearProperty("otel.service.name");
            }
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("", r.err());
            assertEquals(4, collector.spans().size());
            String resource = collector.requests().getFirst().getResourceSpans(0).getResource().toString();
            assertTrue(resource.contains("shop-agent"), resource);
        }
    }

    /** {@code lumen run DOC --otel} with the {@code otel.*} system properties (as the {@code OTEL_*} variables) set. */
    private EmitCommandTest.Run runWith(Map<String, String> properties) throws IOException {
        properties.forEach(System::setProperty);
        try {
            return lumen("run", document().toString(), store(), "--otel");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /** The exporter Lumen has speaks OTLP over HTTP only: gRPC is one warning naming what to set instead. */
    @Test
    void grpcIsOneWarningSayingOnlyHttpProtobufIsSupported() throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            EmitCommandTest.Run r = runWith(Map.of("otel.exporter.otlp.endpoint", collector.endpoint(),
                    "otel.exporter.otlp.protocol", "grpc"));
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("200\n", r.out());
            Trace trace = lastTrace();
            assertEquals("warning: run " + trace.runId() + " not exported: the OpenTelemetry configuration is not usable: "
                    + "OTEL_EXPORTER_OTLP_PROTOCOL is grpc, but "
                    + "Lumen exports over http/protobuf only: unset it or set it to http/protobuf (its trace is "
                    + "complete in " + trace.where() + ")\n", r.err());
            assertTrue(collector.requests().isEmpty());
        }
    }

    /** {@code OTEL_SDK_DISABLED=true} and {@code OTEL_TRACES_EXPORTER=none} are honoured: nothing is sent, silently. */
    @Test
    void aDisabledSdkOrNoTracesExporterSendsNothingAndSaysNothing() throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            for (Map<String, String> off : List.of(Map.of("otel.sdk.disabled", "true"),
                    Map.of("otel.traces.exporter", "none"))) {
                Map<String, String> properties = new HashMap<>(off);
                properties.put("otel.exporter.otlp.endpoint", collector.endpoint());
                EmitCommandTest.Run r = runWith(properties);
                assertEquals(ExitCodes.OK, r.status(), r.err());
                assertEquals("200\n", r.out());
                assertEquals("", r.err(), off.toString());
                assertTrue(lastTrace().finished());
            }
            assertTrue(collector.requests().isEmpty(), "nothing was sent");
        }
    }

    /** A run id the store accepts, for a trace written by hand. */
    private static final String RUN_ID = "20261207T120000.000Z-0a1b2c3d";

    @Test
    void aRecordedRunIsExportedAfterTheFactWithTheGenAiAndMcpConventions() throws IOException {
        Path traces = Files.createDirectories(dir.resolve(".lumen/trace"));
        Files.write(traces.resolve(RUN_ID + ".jsonl"), Stream.of(
                "{\"seq\":0,\"kind\":\"run_start\",\"run_id\":\"" + RUN_ID + "\",\"cell\":\"run\",\"doc_hash\":\"sha256:d\","
                        + "\"timestamp\":\"2026-12-07T12:00:00.000Z\",\"hash\":\"sha256:h0\"}",
                "{\"seq\":1,\"kind\":\"cell_start\",\"cell\":\"ask\",\"timestamp\":\"2026-12-07T12:00:00.100Z\",\"hash\":\"sha256:h1\"}",
                "{\"seq\":2,\"kind\":\"tool_call\",\"cell\":\"ask\",\"tool_id\":\"llm.chat\",\"tool_version\":\"1.0.0\","
                        + "\"policy_hash\":\"sha256:p\",\"latency_ms\":800,\"cached\":false,\"timestamp\":\"2026-12-07T12:00:01.000Z\","
                        + "\"usage\":{\"gen_ai.operation.name\":\"chat\",\"gen_ai.provider.name\":\"openai\","
                        + "\"gen_ai.request.model\":\"gpt-4o-mini\",\"gen_ai.response.model\":\"gpt-4o-mini-2024-07-18\","
                        + "\"gen_ai.response.finish_reasons\":[\"stop\"],\"gen_ai.usage.input_tokens\":12,"
                        + "\"gen_ai.usage.output_tokens\":5,\"gen_ai.client.operation.duration\":0.8},\"hash\":\"sha256:h2\"}",
                "{\"seq\":3,\"kind\":\"tool_call\",\"cell\":\"ask\",\"tool_id\":\"mcp:http://127.0.0.1:9/mcp#get_weather\","
                        + "\"tool_version\":\"unversioned\",\"policy_hash\":\"sha256:p\",\"latency_ms\":20,\"cached\":false,"
                        + "\"error_kind\":\"tool\",\"message\":\"no weather today\",\"timestamp\":\"2026-12-07T12:00:01.100Z\","
                        + "\"server\":{\"name\":\"weather\",\"version\":\"1.0\",\"protocol_version\":\"2025-11-25\"},\"hash\":\"sha256:h3\"}",
                "{\"seq\":4,\"kind\":\"error\",\"error_kind\":\"tool\",\"message\":\"no weather today\",\"cell\":\"ask\","
                        + "\"timestamp\":\"2026-12-07T12:00:01.200Z\",\"hash\":\"sha256:h4\"}",
                "{\"seq\":5,\"kind\":\"run_end\",\"status\":\"error\",\"error_kind\":\"tool\",\"message\":\"no weather today\","
                        + "\"timestamp\":\"2026-12-07T12:00:01.300Z\",\"hash\":\"sha256:h5\"}")
                .map(CanonicalJson::canonicalize).toList());
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            EmitCommandTest.Run r = lumen("trace", "export", "last", store(), "--otel-endpoint", collector.endpoint());
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("exported run " + RUN_ID + "\n", r.out());

            Span run = collector.span("run run");
            Span cell = collector.span("cell ask");
            Span chat = collector.span("chat gpt-4o-mini");
            Span mcp = collector.span("tools/call get_weather");
            assertEquals(cell.getSpanId(), chat.getParentSpanId());
            assertEquals(cell.getSpanId(), mcp.getParentSpanId());
            assertEquals(run.getSpanId(), cell.getParentSpanId());

            assertEquals("chat", text(chat, "gen_ai.operation.name"));
            assertEquals("openai", text(chat, "gen_ai.provider.name"));
            assertEquals("openai", text(chat, "gen_ai.system"));
            assertEquals("gpt-4o-mini", text(chat, "gen_ai.request.model"));
            assertEquals("gpt-4o-mini-2024-07-18", text(chat, "gen_ai.response.model"));
            assertEquals(12, number(chat, "gen_ai.usage.input_tokens"));
            assertEquals(5, number(chat, "gen_ai.usage.output_tokens"));
            assertEquals("stop", OtlpReceiver.attribute(chat.getAttributesList(), "gen_ai.response.finish_reasons")
                    .orElseThrow().getArrayValue().getValues(0).getStringValue());
            assertFalse(has(chat, "gen_ai.client.operation.duration"), "a metric of the conventions, not an attribute");
            assertEquals(800_000_000L, chat.getEndTimeUnixNano() - chat.getStartTimeUnixNano(), "latency_ms before its event");
            assertEquals(2, number(chat, "lumen.seq"));
            assertEquals("sha256:h2", text(chat, "lumen.hash"));

            assertEquals("tools/call", text(mcp, "mcp.method.name"));
            assertEquals("get_weather", text(mcp, "gen_ai.tool.name"));
            assertEquals("2025-11-25", text(mcp, "mcp.protocol.version"));
            assertEquals("tcp", text(mcp, "network.transport"));
            assertEquals("127.0.0.1", text(mcp, "server.address"));
            assertEquals(9, number(mcp, "server.port"));
            assertEquals("tool", text(mcp, "error.type"));
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, mcp.getStatus().getCode());
            assertEquals("no weather today", mcp.getStatus().getMessage());

            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, run.getStatus().getCode());
            assertEquals("tool", text(run, "error.type"));

            EmitCommandTest.Run again = lumen("trace", "export", RUN_ID, store(), "--otel-endpoint", collector.endpoint());
            assertEquals(ExitCodes.OK, again.status(), again.err());
            List<Span> spans = collector.spans();
            assertEquals(8, spans.size(), "the run exported twice");
            for (int i = 0; i < 4; i++) {
                assertEquals(spans.get(i).getSpanId(), spans.get(i + 4).getSpanId(), "the ids are the events'");
                assertEquals(spans.get(i).getTraceId(), spans.get(i + 4).getTraceId());
            }
            assertEquals("exception", cell.getEvents(0).getName(), "the error, on the cell it stopped");
        }
    }

    @Test
    void aCollectorThatRefusesTheSpansIsAWarningAndTheTraceIsWhole() throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver(400)) {
            EmitCommandTest.Run r = lumen("run", document().toString(), store(), "--otel-endpoint", collector.endpoint());
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("200\n", r.out());
            assertFalse(collector.requests().isEmpty(), "the spans were sent");
            assertWholeAndWarned(r.err(), collector.endpoint());
        }
    }

    /** Lumen tries once (the SDK alone would retry for some ten seconds), and says so at once. */
    @Test
    void aCollectorThatIsNotThereIsAWarningAndTheTraceIsWhole() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long began = System.nanoTime();
        EmitCommandTest.Run r = lumen("run", document().toString(), store(), "--otel-endpoint", "http://127.0.0.1:" + port);
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals("200\n", r.out());
        assertWholeAndWarned(r.err(), "http://127.0.0.1:" + port);
        assertTrue(r.err().contains("ConnectException"), "the cause: " + r.err());
        assertTrue(seconds < 5, "gave up in " + seconds + " s");

        EmitCommandTest.Run export = lumen("trace", "export", "last", store(), "--otel-endpoint", "http://127.0.0.1:" + port);
        assertEquals(ExitCodes.ERRORS, export.status(), export.err());
        assertTrue(export.err().startsWith("error: run "), export.err());
    }

    private void assertWholeAndWarned(String err, String endpoint) {
        Trace trace = lastTrace();
        assertTrue(err.startsWith("warning: run " + trace.runId() + " not exported: the OTLP endpoint " + endpoint),
                err);
        assertTrue(err.contains("its trace is complete in " + trace.where()), err);
        assertEquals(1, err.lines().count(), "one warning, no stack trace: " + err);
        assertTrue(trace.finished());
        EmitCommandTest.Run verify = lumen("trace", "verify", "last", store());
        assertEquals(ExitCodes.OK, verify.status(), verify.err());
    }

    @Test
    void exportingARecordedRunAsksHowToExportIt() {
        EmitCommandTest.Run r = lumen("trace", "export", "last", store());
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().startsWith("error: say how to export the run: --otel"), r.err());
    }
}
