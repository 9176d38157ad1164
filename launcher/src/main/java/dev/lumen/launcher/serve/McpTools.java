package dev.lumen.launcher.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Map;

/** The MCP server of a served document: its cells as tools, over whichever transport (mcp-serve.md §1). */
public final class McpTools {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JacksonMcpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);

    /** Runs one call of a served cell: {@code arguments} is the call's JSON object of arguments. */
    @FunctionalInterface
    public interface Calls {
        CallOutcome call(String cell, String arguments);
    }

    /** What the server says it is in {@code initialize}. */
    public record Identity(String name, String version, String instructions) {
    }

    private McpTools() {
    }

    /** A server over stdio (or any single-session transport). */
    public static McpSyncServer serve(McpServerTransportProvider transport, Identity identity, List<ServedCell> cells,
            Calls calls) {
        return configure(McpServer.sync(transport), identity, cells, calls);
    }

    /** A server over Streamable HTTP. */
    public static McpSyncServer serve(McpStreamableServerTransportProvider transport, Identity identity,
            List<ServedCell> cells, Calls calls) {
        return configure(McpServer.sync(transport), identity, cells, calls);
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> server, Identity identity,
            List<ServedCell> cells, Calls calls) {
        server.jsonMapper(MAPPER);
        server.serverInfo(identity.name(), identity.version());
        server.instructions(identity.instructions());
        server.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
        server.validateToolInputs(false); // Lumen validates: where constraints too, with its field errors
        server.tools(specifications(cells, calls));
        return server.build();
    }

    private static List<McpServerFeatures.SyncToolSpecification> specifications(List<ServedCell> cells, Calls calls) {
        return cells.stream().map(cell -> McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool(cell))
                .callHandler((exchange, request) -> call(cell, request, calls))
                .build()).toList();
    }

    /** The tool a cell is, as {@code tools/list} lists it. */
    static McpSchema.Tool tool(ServedCell cell) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder(cell.name()).description(cell.description())
                .inputSchema(asMap(cell.input()));
        if (cell.output() != null) {
            tool.outputSchema(asMap(cell.output()));
        }
        return tool.build();
    }

    private static McpSchema.CallToolResult call(ServedCell cell, McpSchema.CallToolRequest request, Calls calls) {
        String arguments;
        try {
            arguments = JSON.writeValueAsString(request.arguments() == null ? Map.of() : request.arguments());
        } catch (JsonProcessingException e) {
            return ToolResults.of(cell, new CallOutcome.Failed("argument", "the arguments are not JSON: "
                    + e.getOriginalMessage(), null, List.of()));
        }
        return ToolResults.of(cell, calls.call(cell.name(), arguments));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object schema) {
        return JSON.convertValue(schema, Map.class);
    }
}
