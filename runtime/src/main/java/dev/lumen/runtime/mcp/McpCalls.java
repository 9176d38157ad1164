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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The MCP tool calls of one run (mcp-bridge-v1.md §9): each server is connected at its first call (taking the
 * session that read its tools for the run, if one did, from {@link McpHandover}) and stays connected until the
 * run ends, when {@link #close} stops every one. A call runs under its grant: argument
 * pins are checked before anything is sent, {@code timeout_ms} bounds the call.
 *
 * <p>Calls may come from several threads at once (a {@code @parallel} block): they share the server's one
 * session, as JSON-RPC allows, and overlap — except the calls of a server whose grant lets it ask the client
 * during a call (elicitation, roots, sampling), which take turns, so that what the server asks is recorded with
 * the call it came with and answered by that call's thread.
 */
public final class McpCalls implements AutoCloseable {
    /** The {@code timeout_ms} of a call whose grant sets none. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final Path directory;
    private final Map<String, McpServerGrant> serverGrants;
    private final Optional<McpElicitation> elicitation;
    private final McpSampler sampler;
    /** The servers connected so far, by address; guarded by {@code this}. */
    private final Map<String, McpServer> servers = new LinkedHashMap<>();
    /** What the calls of each server that may ask the client take turns on, by address; guarded by {@code this}. */
    private final Map<String, Lock> turns = new HashMap<>();

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
    public ToolResult call(String address, String tool, ToolRequest request, ProgressListener progress) {
        checkPins(tool, request);
        long timeout = request.grants().integer("timeout_ms").orElse(DEFAULT_TIMEOUT_MS);
        McpServer server;
        try {
            server = server(address);
        } catch (McpException e) { // a server that failed to connect has no identity
            throw new ToolFailure(e.getMessage(), Map.of());
        }
        Lock turn = turn(address);
        if (turn == null) {
            return call(server, tool, request, timeout, progress);
        }
        try {
            turn.lockInterruptibly(); // a cancelled run stops waiting for its turn
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // no identity: taking it would take the server requests of the call in progress
            throw new ToolFailure("the call was cancelled while it waited for the server's other calls to end",
                    Map.of());
        }
        try {
            return call(server, tool, request, timeout, progress);
        } finally {
            turn.unlock();
        }
    }

    private static ToolResult call(McpServer server, String tool, ToolRequest request, long timeout,
            ProgressListener progress) {
        try {
            JsonNode output = server.call(tool, request.input(), Duration.ofMillis(timeout), progress);
            return new ToolResult(readable(output, server), Map.of(), identity(server));
        } catch (McpToolError e) {
            throw new ToolFailure("the server reported an error: " + e.getMessage(), identity(server));
        } catch (McpException e) { // the call failed after the handshake: the server has an identity
            throw new ToolFailure(e.getMessage(), identity(server));
        }
    }

    /**
     * The server at {@code address}, connected at its first call: the session that read its tools for this run,
     * if one did, else a new one. Calls made meanwhile from other threads wait for the one connection.
     */
    private synchronized McpServer server(String address) {
        McpServer server = servers.get(address);
        if (server == null) {
            McpServerGrant grant = forRun(serverGrants.get(address), elicitation);
            server = McpHandover.take(address, directory)
                    .orElseGet(() -> McpConnector.connect(address, McpSettings.of(directory).withGrant(grant)));
            server.sampler(sampler);
            servers.put(address, server);
            if (grant.letsServerAsk()) {
                turns.put(address, new ReentrantLock(true));
            }
        }
        return server;
    }

    /** What the calls of the server at {@code address} take turns on, or null when they may overlap. */
    private synchronized Lock turn(String address) {
        return turns.get(address);
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
