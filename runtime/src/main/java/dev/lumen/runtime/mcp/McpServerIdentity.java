package dev.lumen.runtime.mcp;

/**
 * What a server reports about itself when connected: its {@code serverInfo} name and version, and the protocol
 * revision both sides agreed on. {@code version} is "" when the server gives none.
 */
public record McpServerIdentity(String name, String version, String protocolVersion) {
}
