package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.JsonReading;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.progress.ProgressListener;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP tool calls of one run (mcp-bridge-v1.md §9): each server is connected at its first call (taking the
 * session that read its tools for the run, if one did, from {@link McpHandover}) and stays connected until the
 * run ends, when {@link #close} stops every one. A call runs under its grant: argument
 * pins are checked before anything is sent, {@code timeout_ms} bounds the call.
 */
public final class McpCalls implements AutoCloseable {
    /** The {@code timeout_ms} of a call whose grant sets none. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final Path directory;
    private final Map<String, McpServerGrant> serverGrants;
    private final Optional<McpElicitation> elicitation;
    private final McpSampler sampler;
    private final Map<String, McpServer> servers = new LinkedHashMap<>();

    /**
     * @param directory    the running document's directory: relative server commands are read against it
     * @param serverGrants the document's grants of servers themselves, by address (§11)
     * @param elicitation  the run's elicitation policy, which wins over the grants' ({@code --mcp-elicitation})
     * @param sampler      how the run answers a server's sampling requests that its grant allows
     */
    public McpCalls(Path directory, Map<String, McpServerGrant> serverGrants, Optional<McpElicitation> elicitation,
            McpSampler sampler) {
        this.directory = directory;
        this.serverGrants = Map.copyOf(serverGrants);
        this.elicitation = elicitation;
        this.sampler = sampler;
    }

    /**
     * The grant of the server at {@code address} as a run applies it: the document's, with the run's elicitation
     * policy when it states one (mcp-bridge-v1.md §11.3).
     */
    public static McpServerGrant forRun(McpServerGrant grant, Optional<McpElicitation> elicitation) {
        return (grant == null ? McpServerGrant.NONE : grant).withElicitation(elicitation);
    }

    /**
     * Calls {@code tool} of the server at {@code address} with the request's input, telling {@code progress} what
     * the server's progress notifications for the call say.
     *
     * @throws PolicyViolation when an argument is outside the values its grant pins
     * @throws ToolFailure     when the server cannot be reached, fails the call or does not answer in time
     */
    public synchronized ToolResult call(String address, String tool, ToolRequest request, ProgressListener progress) {
        checkPins(tool, request);
        long timeout = request.grants().integer("timeout_ms").orElse(DEFAULT_TIMEOUT_MS);
        McpServer server = servers.get(address);
        try {
            if (server == null) {
                // the session that read the server's tools for this run, if one did; else a new one
                server = McpHandover.take(address, directory)
                        .orElseGet(() -> McpConnector.connect(address, McpSettings.of(directory)
                                .withGrant(forRun(serverGrants.get(address), elicitation))));
                server.sampler(sampler);
                servers.put(address, server);
            }
            JsonNode output = server.call(tool, request.input(), Duration.ofMillis(timeout), progress);
            return new ToolResult(readable(output, server), Map.of(), identity(server));
        } catch (McpToolError e) {
            throw new ToolFailure("the server reported an error: " + e.getMessage(), identity(server));
        } catch (McpException e) {
            // a server that failed to connect has no identity; one that failed the call after the handshake has
            throw new ToolFailure(e.getMessage(), server == null ? Map.of() : identity(server));
        }
    }

    /** The output as Lumen holds JSON it reads (JsonReading), or a failure saying why it cannot. */
    private static JsonNode readable(JsonNode output, McpServer server) {
        try {
            return JsonReading.normalized(output);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("the server's output is not JSON Lumen can read: " + e.getMessage(), identity(server));
        }
    }

    /**
     * The server's name, version and protocol revision from its handshake, and the requests it sent since the
     * last call with the client's answers, as traced (mcp-bridge-v1.md §4, §11.3).
     */
    private static Map<String, Object> identity(McpServer server) {
        McpServerIdentity id = server.identity();
        Map<String, Object> traced = new LinkedHashMap<>();
        traced.put("name", id.name());
        traced.put("version", id.version());
        traced.put("protocol_version", id.protocolVersion());
        List<McpServerRequest> requests = server.takeServerRequests();
        if (!requests.isEmpty()) {
            traced.put("requests", requests.stream().map(McpServerRequest::toTrace).toList());
        }
        return traced;
    }

    /** A pin clause {@code name "v"} allows argument {@code name} only the granted values. */
    private static void checkPins(String tool, ToolRequest request) {
        for (Map.Entry<String, List<Object>> clause : request.grants().clauses().entrySet()) {
            if (McpGrantClauses.NOT_PINS.contains(clause.getKey())) {
                continue;
            }
            JsonNode given = request.input().get(clause.getKey());
            String shown = given == null ? null : CanonicalJson.write(given);
            List<String> allowed = clause.getValue().stream().map(CanonicalJson::write).toList();
            if (shown == null || !allowed.contains(shown)) {
                throw new PolicyViolation(clause.getKey(), "argument `" + clause.getKey() + "` of `" + tool + "` is "
                        + (shown == null ? "nothing" : shown) + ", but the grant pins it to " + String.join(" or ", allowed));
            }
        }
    }

    /** Stops every server this run connected to. */
    @Override
    public synchronized void close() {
        servers.values().forEach(McpServer::close);
        servers.clear();
    }
}
