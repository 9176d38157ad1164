package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a tool call returned: its output (what the program gets, the cache keeps and the trace hashes) and
 * figures about the call that are not part of the output, such as an LLM's token usage
 * ({@code gen_ai.usage.input_tokens}, …), and for an MCP tool the server that answered ({@code name},
 * {@code version}, {@code protocol_version}; empty for native tools), recorded in the trace beside it.
 */
public record ToolResult(JsonNode output, Map<String, Object> usage, Map<String, Object> server) {

    public ToolResult {
        usage = Map.copyOf(usage);
        server = Map.copyOf(server);
    }

    /** An output and figures, from a native tool. */
    public ToolResult(JsonNode output, Map<String, Object> usage) {
        this(output, usage, Map.of());
    }

    /** An output with nothing else to report. */
    public static ToolResult of(JsonNode output) {
        return new ToolResult(output, Map.of());
    }
}
