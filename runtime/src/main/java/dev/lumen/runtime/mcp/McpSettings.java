package dev.lumen.runtime.mcp;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.tools.process.ToolEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to connect: the working directory of a stdio server (relative commands are read against it), the
 * environment it inherits from Lumen (only the variables tool processes get, tool-protocol-v1.md §4), and the
 * bounds on the handshake and on every request other than {@code tools/call}, which has its own timeout, and
 * the document's grant of the server itself (mcp-bridge-v1.md §11).
 */
public record McpSettings(Path directory, Map<String, String> environment, Duration handshakeTimeout,
        Duration requestTimeout, McpServerGrant grant) {
    /** The handshake bound when none is set: long enough for {@code npx} to fetch a package. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    /** The bound on {@code tools/list} and other requests when none is set. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public McpSettings {
        directory = Host.current().absolute(directory).normalize();
        environment = Map.copyOf(environment);
        grant = grant == null ? McpServerGrant.NONE : grant;
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("MCP timeouts must be positive");
        }
    }

    /** The defaults for a project in {@code directory}, with the environment taken from Lumen's own ({@link Host}). */
    public static McpSettings of(Path directory) {
        return new McpSettings(directory, ToolEnvironment.from(Host.current().environment()), DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, McpServerGrant.NONE);
    }

    public McpSettings withTimeouts(Duration handshake, Duration request) {
        return new McpSettings(directory, environment, handshake, request, grant);
    }

    public McpSettings withGrant(McpServerGrant serverGrant) {
        return new McpSettings(directory, environment, handshakeTimeout, requestTimeout, serverGrant);
    }
}
