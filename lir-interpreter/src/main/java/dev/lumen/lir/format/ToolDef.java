package dev.lumen.lir.format;

import java.util.List;
import java.util.Map;

/**
 * A tool the module may call: a native tool ({@code toolId} set) or a tool of an MCP server
 * ({@code mcpServer} and {@code mcpTool} set), with the grants that bound it — the run-time
 * enforcement reads these, never the source. Grant values are Strings, Longs, Doubles or Booleans;
 * {@code grants} is null for a tool that was imported but never granted, whose calls are refused.
 * An entry with only {@code mcpServer} set is the grant of an MCP server's session (LIR 1.2,
 * mcp-bridge-v1.md §11), which no call names.
 */
public record ToolDef(
        String alias,
        String toolId,
        String version,
        String mcpServer,
        String mcpTool,
        Map<String, List<Object>> grants) {

    /** Whether this entry is the grant of an MCP server itself rather than a tool. */
    public boolean isServerGrant() {
        return toolId == null && mcpServer != null && mcpTool == null;
    }
}
