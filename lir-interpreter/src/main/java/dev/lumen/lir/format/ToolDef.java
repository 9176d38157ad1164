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
 *
 * <p>An MCP tool checked against the manifest its lock file records also carries that manifest's hash
 * ({@code mcpManifest}) and the tool's behaviour hints as it records them ({@code mcpAnnotations}: hint name →
 * boolean, only the hints given); both are null otherwise. They decide whether its calls are cached
 * (mcp-bridge-v1.md §9.4) without reaching the server.
 */
public record ToolDef(
        String alias,
        String toolId,
        String version,
        String mcpServer,
        String mcpTool,
        Map<String, List<Object>> grants,
        String mcpManifest,
        Map<String, Boolean> mcpAnnotations) {

    public ToolDef {
        mcpAnnotations = mcpAnnotations == null ? null : Map.copyOf(mcpAnnotations);
    }

    /** A tool without what a locked MCP manifest says of it. */
    public ToolDef(String alias, String toolId, String version, String mcpServer, String mcpTool,
            Map<String, List<Object>> grants) {
        this(alias, toolId, version, mcpServer, mcpTool, grants, null, null);
    }

    /** Whether this entry is the grant of an MCP server itself rather than a tool. */
    public boolean isServerGrant() {
        return toolId == null && mcpServer != null && mcpTool == null;
    }
}
