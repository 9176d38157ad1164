package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.mcp.McpServerRequest;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport that notes every request the server sends and the answer the client gives it — whoever gives it:
 * Lumen's handlers, or the SDK refusing a method the client did not declare — so that each can be traced
 * (mcp-bridge-v1.md §11.3). Everything else passes through unchanged.
 */
final class ObservedTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final ObjectMapper json;
    /** The server's requests not answered yet, by JSON-RPC id. */
    private final Map<Object, McpSchema.JSONRPCRequest> open = new ConcurrentHashMap<>();
    private final List<McpServerRequest> answered = new ArrayList<>();
    /** Told after each answer is recorded. */
    private final Runnable onAnswer;

    ObservedTransport(McpClientTransport delegate, ObjectMapper json, Runnable onAnswer) {
        this.delegate = delegate;
        this.json = json;
        this.onAnswer = onAnswer;
    }

    /** The requests answered since this was last asked, in the order they were answered. */
    synchronized List<McpServerRequest> take() {
        List<McpServerRequest> out = List.copyOf(answered);
        answered.clear();
        return out;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return delegate.connect(incoming -> handler.apply(incoming.doOnNext(this::received)));
    }

    private void received(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null) {
            open.put(key(request.id()), request);
        }
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.id() != null) {
            McpSchema.JSONRPCRequest request = open.remove(key(response.id()));
            if (request != null) {
                record(request, response);
                onAnswer.run();
            }
        }
        return delegate.sendMessage(message);
    }

    private synchronized void record(McpSchema.JSONRPCRequest request, McpSchema.JSONRPCResponse response) {
        JsonNode params = request.params() == null ? null : json.valueToTree(request.params());
        McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
        if (error == null) {
            JsonNode result = json.valueToTree(response.result() == null ? Map.of() : response.result());
            answered.add(new McpServerRequest(request.method(), params, result, 0, null));
        } else {
            answered.add(new McpServerRequest(request.method(), params, null,
                    error.code() == null ? 0 : error.code(), error.message()));
        }
    }

    /** Ids are strings or numbers; a number may arrive as an Integer and leave as a Long. */
    private static Object key(Object id) {
        return id instanceof Number n ? (Object) n.longValue() : id;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
