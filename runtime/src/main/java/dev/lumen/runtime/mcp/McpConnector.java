package dev.lumen.runtime.mcp;

import dev.lumen.runtime.mcp.session.SessionMcpServer;

/**
 * Connects to MCP servers. Today every server is reached through a session (revisions 2024-11-05 to
 * 2025-11-25, mcp-bridge-v1.md §4.1); the stateless 2026-07-28 revision ({@code server/discover}, no
 * {@code initialize}) will be chosen here, behind the same {@link McpServer} interface, when it is added.
 */
public final class McpConnector {
    private McpConnector() {
    }

    /**
     * Starts or reaches the server at {@code address} and completes the handshake.
     *
     * @throws McpException when the server cannot be started or reached, or does not complete the handshake
     */
    public static McpServer connect(McpAddress address, McpSettings settings) {
        return SessionMcpServer.connect(address, settings);
    }

    /** {@link McpAddress#parse parses} {@code address} and connects to it. */
    public static McpServer connect(String address, McpSettings settings) {
        return connect(McpAddress.parse(address), settings);
    }

    /**
     * The manifest of the server at {@code address} (what a lock file records): connects, reads it, and ends the
     * session.
     *
     * @throws McpException when the server cannot be reached or does not answer
     */
    public static McpServerManifest manifest(String address, McpSettings settings) {
        try (McpServer server = connect(address, settings)) {
            return server.manifest();
        }
    }
}
