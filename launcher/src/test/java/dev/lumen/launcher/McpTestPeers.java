package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The MCP reference servers bin/mcp-peers installs, which documents in the tests run with node. */
final class McpTestPeers {
    private McpTestPeers() {
    }

    /** The entry point of {@code @modelcontextprotocol/server-NAME}; a missing one fails the test. */
    static Path entryPoint(String name) {
        String peers = System.getProperty("lumen.mcp.peers");
        Path entry = peers == null ? null : Path.of(peers, "server-" + name, "dist", "index.js");
        if (entry == null || !Files.isRegularFile(entry)) {
            fail("the MCP test peer server-" + name + " is not installed (" + entry + "); run bin/mcp-peers");
        }
        return entry.toAbsolutePath();
    }
}
