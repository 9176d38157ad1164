package dev.lumen.launcher;

import static dev.lumen.launcher.InvoiceAgentExampleTest.child;
import static dev.lumen.launcher.OtlpReceiver.isRoot;
import static dev.lumen.launcher.OtlpReceiver.number;
import static dev.lumen.launcher.OtlpReceiver.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run exported over OTLP: a document whose cell reads a file through the MCP reference server
 * server-filesystem over stdio, then asks a model on a loopback server speaking the Anthropic Messages API.
 * The collector gets the model call with the GenAI conventions' figures the provider reported, the MCP call with
 * the MCP conventions', each span leading back to its event in the trace on disk, and nothing a grant redacts.
 */
class OtelModelAndMcpTest {
    /** In the path the MCP call is given, which its grant redacts. */
    private static final String SECRET = "hush-7f3a";
    private static final String MODEL = "claude-sonnet-4-20250514";
    private static final String API_KEY = "sk-ant-otel-test";

    @TempDir
    Path dir;

    private HttpServer anthropic;

    @BeforeEach
    void startModel() throws IOException {
        anthropic = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        anthropic.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = """
                    {"id": "msg_01", "type": "message", "role": "assistant", "model": "%s",
                     "content": [{"type": "text", "text": "billing, three retries"}], "stop_reason": "end_turn",
                     "stop_sequence": null, "usage": {"input_tokens": 40, "output_tokens": 12}}
                    """.formatted(MODEL).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        anthropic.start();
    }

    @AfterEach
    void stopModel() {
        anthropic.stop(0);
    }

    private Path document(Path data) throws IOException {
        Path server = Files.createSymbolicLink(dir.resolve("server-filesystem.js"), McpTestPeers.entryPoint("filesystem"));
        return Files.writeString(dir.resolve("summary.lm.md"), """
                ```lumen
                use tool mcp "stdio:node %s %s" as Files
                grant Files.read_text_file timeout_ms 20000
                  redact "path"
                use tool llm.chat as Chat
                grant Chat model "%s" max_tokens 200 temperature 0.0

                cell summarise(path: String) -> String
                  let file = Files.read_text_file(path: path)
                  return Chat(role user: "Summarise this configuration: " + file.content)
                end

                cell run(path: String) -> String
                  return summarise(path)
                end
                ```
                """.formatted(server, data, MODEL));
    }

    @Test
    void aModelCallAndAnMcpCallAreExportedWithTheirConventionsAndLeadBackToTheTrace() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = Files.writeString(data.resolve(SECRET + ".json"), "{\"name\": \"billing\", \"retries\": 3}");
        Path doc = document(data);
        try (OtlpReceiver collector = new OtlpReceiver(200)) {
            EmitCommandTest.Run r = child(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + anthropic.getAddress().getPort(),
                    "ANTHROPIC_API_KEY", API_KEY, "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint()),
                    "run", doc.toString(), "--store", dir.toString(), "--arg", "path=" + config);
            assertEquals(ExitCodes.OK, r.status(), r.err());
            assertEquals("\"billing, three retries\"\n", r.out());
            assertFalse(r.err().contains("warning"), r.err());
            assertEquals(List.of(), collector.problems());

            Store store = Store.at(dir);
            Trace trace = TraceReader.read(store, store.runIds().getLast());
            assertTrue(trace.finished());
            Span run = collector.span("run run");
            Span outer = collector.span("cell run");
            Span cell = collector.span("cell summarise");
            Span mcp = collector.span("tools/call read_text_file");
            Span chat = collector.span("chat " + MODEL);
            assertEquals(5, collector.spans().size(), () -> collector.spans().stream().map(Span::getName).toList().toString());
            assertTrue(isRoot(run));
            assertEquals(run.getSpanId(), outer.getParentSpanId());
            assertEquals(outer.getSpanId(), cell.getParentSpanId());
            assertEquals(cell.getSpanId(), mcp.getParentSpanId());
            assertEquals(cell.getSpanId(), chat.getParentSpanId());
            assertTrue(mcp.getEndTimeUnixNano() <= chat.getEndTimeUnixNano(), "the file is read, then the model asked");

            assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, chat.getKind());
            assertEquals("chat", text(chat, "gen_ai.operation.name"));
            assertEquals("anthropic", text(chat, "gen_ai.system"));
            assertEquals("anthropic", text(chat, "gen_ai.provider.name"));
            assertEquals(MODEL, text(chat, "gen_ai.request.model"));
            assertEquals(40, number(chat, "gen_ai.usage.input_tokens"));
            assertEquals(12, number(chat, "gen_ai.usage.output_tokens"));
            assertEquals("llm.chat", text(chat, "lumen.tool_id"));

            TraceEvent mcpCall = toolCall(trace, "mcp:");
            assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, mcp.getKind());
            assertEquals("tools/call", text(mcp, "mcp.method.name"));
            assertEquals("execute_tool", text(mcp, "gen_ai.operation.name"));
            assertEquals("read_text_file", text(mcp, "gen_ai.tool.name"));
            assertEquals("pipe", text(mcp, "network.transport"));
            assertEquals("2.0", text(mcp, "jsonrpc.protocol.version"));
            assertEquals(mcpCall.json().at("/server/protocol_version").textValue(), text(mcp, "mcp.protocol.version"));
            assertFalse(text(mcp, "mcp.protocol.version").isEmpty());
            assertEquals("secure-filesystem-server", text(mcp, "lumen.mcp.server.name"));
            assertEquals(mcpCall.toolId(), text(mcp, "lumen.tool_id"));

            for (Span span : collector.spans()) {
                assertEquals(trace.runId(), text(span, "lumen.trace_id"), span.getName());
                TraceEvent event = trace.events().get((int) number(span, "lumen.seq"));
                assertEquals(event.seq(), number(span, "lumen.seq"));
                assertEquals(event.hash(), text(span, "lumen.hash"), span.getName());
            }
            assertEquals(toolCall(trace, "llm.chat").seq(), number(chat, "lumen.seq"));
            assertEquals(mcpCall.seq(), number(mcp, "lumen.seq"));

            assertTrue(mcpCall.json().toString().contains("[redacted]"), "the grant redacted the path in the trace");
            for (byte[] body : collector.bodies()) {
                String wire = new String(body, StandardCharsets.ISO_8859_1);
                assertFalse(wire.contains(SECRET), "the redacted path stays out of the spans");
                assertFalse(wire.contains(API_KEY), "the key stays out of the spans");
                assertFalse(wire.contains("billing"), "values are exported only as their hashes");
            }
        }
    }

    private static TraceEvent toolCall(Trace trace, String toolIdPrefix) {
        return trace.events().stream()
                .filter(e -> e.kind() == EventKind.TOOL_CALL && e.toolId().startsWith(toolIdPrefix))
                .findFirst().orElseThrow();
    }
}
