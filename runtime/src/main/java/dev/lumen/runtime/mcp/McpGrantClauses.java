package dev.lumen.runtime.mcp;

import java.util.List;

/**
 * What the clauses of an MCP tool's grant are (lumen-v1.md §12.9, mcp-bridge-v1.md §9.2): a few bound or shape
 * the call; every other one pins the argument of its name. Known to the checker and to the run alike.
 */
public final class McpGrantClauses {
    /** The clauses that are not argument pins, in the order completions list them. */
    public static final List<String> NOT_PINS = List.of("timeout_ms", "rate_limit", "redact", McpCaching.CLAUSE);

    private McpGrantClauses() {
    }
}
