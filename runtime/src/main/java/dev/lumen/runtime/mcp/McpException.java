package dev.lumen.runtime.mcp;

/**
 * An MCP server could not be reached, misbehaved, or refused a request: the message says which server and
 * what went wrong, in terms a Lumen user can act on (mcp-bridge-v1.md §6).
 */
public class McpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public McpException(String message) {
        super(message);
    }
}
