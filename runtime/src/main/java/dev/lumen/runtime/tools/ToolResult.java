package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a tool call returned: its output (what the program gets, the cache keeps and the trace hashes) and
 * figures about the call that are not part of the output, such as an LLM's token usage
 * ({@code gen_ai.usage.input_tokens}, …), recorded in the trace beside it.
 */
public record ToolResult(JsonNode output, Map<String, Object> usage) {

    public ToolResult {
        usage = Map.copyOf(usage);
    }

    /** An output with nothing else to report. */
    public static ToolResult of(JsonNode output) {
        return new ToolResult(output, Map.of());
    }
}
