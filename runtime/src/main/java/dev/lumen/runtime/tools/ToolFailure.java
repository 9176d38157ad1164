package dev.lumen.runtime.tools;

import java.util.Map;

/**
 * A tool call that did not produce an output: bad input the tool rejected, a crash, a timeout. The message
 * says what went wrong in the tool's terms; the caller adds which call it was. A call that failed at an MCP
 * server after the handshake also names the server ({@link ToolResult#server()}), so the trace shows who
 * refused it.
 */
public final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> server;

    public ToolFailure(String message) {
        this(message, Map.of());
    }

    public ToolFailure(String message, Map<String, Object> server) {
        super(message);
        this.server = Map.copyOf(server);
    }

    /** The MCP server that answered, as in {@link ToolResult#server()}; empty when none did. */
    public Map<String, Object> server() {
        return server == null ? Map.of() : server; // null only in a deserialized copy
    }
}
