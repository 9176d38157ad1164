package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The MCP reference servers from npm that bin/mcp-peers installs, run with {@code node} from their installed
 * folder (no npx, no network). A missing peer fails the test: CI always has them.
 */
final class McpPeers {
    /** Bounds for the tests: the reference servers start in well under a second. */
    static final Duration HANDSHAKE = Duration.ofSeconds(15);
    static final Duration REQUEST = Duration.ofSeconds(10);

    private McpPeers() {
    }

    /** The entry point of {@code @modelcontextprotocol/server-NAME}. */
    static Path entryPoint(String name) {
        String root = System.getProperty("lumen.mcp.peers");
        if (root == null) {
            fail("the system property lumen.mcp.peers is not set; run the tests through Maven (runtime/pom.xml sets it)");
        }
        Path script = Path.of(root, "server-" + name, "dist", "index.js");
        if (!Files.isRegularFile(script)) {
            fail("the MCP test peer server-" + name + " is not installed (" + script + "); run bin/mcp-peers");
        }
        return script;
    }

    /** A stdio address running server-NAME with {@code arguments}, quoted for the address syntax. */
    static String stdio(String name, String... arguments) {
        StringBuilder address = new StringBuilder("stdio:node ").append(quote(entryPoint(name).toString()));
        for (String argument : arguments) {
            address.append(' ').append(quote(argument));
        }
        return address.toString();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Settings for a test in {@code directory}, with the test bounds. */
    static McpSettings settings(Path directory) {
        return McpSettings.of(directory).withTimeouts(HANDSHAKE, REQUEST);
    }

    /** The server processes this JVM has started that still run, by their command line. */
    static long runningPeers() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("server-"))
                .count();
    }

    /** The text of the first content block of a content result. */
    static String firstText(JsonNode result) {
        return result.get("content").get(0).get("text").asText();
    }
}
