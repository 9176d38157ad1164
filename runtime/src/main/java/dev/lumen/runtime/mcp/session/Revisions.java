package dev.lumen.runtime.mcp.session;

import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;

/**
 * The MCP protocol revisions Lumen speaks through the SDK's session API, and what changes with the one agreed in
 * the handshake (mcp-bridge-v1.md §4.1). Revisions are dates, so later ones compare greater as text.
 */
final class Revisions {
    /** Every revision the SDK's session client speaks, oldest first: the order it expects, asking for the last. */
    static final List<String> SPOKEN = List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
    private Revisions() {
    }

    /** The revision the client asks for in {@code initialize}. */
    static String latest() {
        return SPOKEN.getLast();
    }

    /** Whether tools of a session of {@code revision} declare output schemas and results carry structured content. */
    static boolean hasStructuredResults(String revision) {
        return revision.compareTo(ProtocolVersions.MCP_2025_06_18) >= 0;
    }

    /** Whether HTTP requests of a session of {@code revision} carry the {@code MCP-Protocol-Version} header. */
    static boolean hasVersionHeader(String revision) {
        return revision.compareTo(ProtocolVersions.MCP_2025_06_18) >= 0;
    }

    /** The revisions for a message: {@code 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05}. */
    static String spokenText() {
        List<String> newestFirst = SPOKEN.reversed();
        return String.join(", ", newestFirst.subList(0, newestFirst.size() - 1)) + " and " + newestFirst.getLast();
    }
}
