package dev.lumen.runtime.mcp;

/**
 * A {@code tools/call} the server answered with a failure: a result with {@code isError: true} (the message is
 * the text the server gave) or a JSON-RPC error. The session stays usable; the next call may succeed.
 */
public final class McpToolError extends McpException {
    private static final long serialVersionUID = 1L;

    private final String tool;

    public McpToolError(String tool, String message) {
        super(message);
        this.tool = tool;
    }

    /** The name of the tool whose call failed. */
    public String tool() {
        return tool;
    }
}
