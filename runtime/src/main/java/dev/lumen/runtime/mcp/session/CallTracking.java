package dev.lumen.runtime.mcp.session;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport that remembers the JSON-RPC id of each {@code tools/call} in flight by its progress token, so that
 * a call the client gives up on (its timeout, an interrupted run) can be cancelled with
 * {@code notifications/cancelled} naming that id, as the MCP specification asks (mcp-bridge-v1.md §4.3). The SDK
 * chooses the ids and sends no cancellation itself.
 */
final class CallTracking implements McpClientTransport {
    /** The notification the SDK has no name for. */
    static final String CANCELLED = "notifications/cancelled";
    /** How long sending a cancellation may take before it is given up: it is a courtesy to the server. */
    private static final Duration SEND_WAIT = Duration.ofSeconds(1);

    private final McpClientTransport transport;
    /** The id of each {@code tools/call} sent and not yet answered or cancelled, by its progress token. */
    private final Map<Object, Object> ids = new ConcurrentHashMap<>();

    CallTracking(McpClientTransport transport) {
        this.transport = transport;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                && request.params() instanceof McpSchema.CallToolRequest call && call.progressToken() != null) {
            ids.put(call.progressToken(), request.id());
        }
        return transport.sendMessage(message);
    }

    /** The call with this progress token has ended: it needs no cancelling. */
    void ended(Object token) {
        ids.remove(token);
    }

    /**
     * Tells the server that the client no longer waits for the call with this progress token, if it was sent; waits
     * at most a second for the message to go, and keeps the calling thread's interrupt status.
     */
    void cancel(Object token, String reason) {
        Object id = ids.remove(token);
        if (id == null) {
            return;
        }
        boolean interrupted = Thread.interrupted(); // a wait below would end at once on an interrupted thread
        try {
            transport.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                    CANCELLED, Map.of("requestId", id, "reason", reason)))
                    .toFuture().get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server is gone or not reading: there is nothing left to cancel
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return transport.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        transport.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return transport.closeGracefully();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return transport.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return transport.protocolVersions();
    }
}
