package dev.lumen.runtime.mcp.session;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.HttpHeaders;
import java.net.http.HttpRequest;
import reactor.core.publisher.Mono;

/**
 * Keeps the {@code MCP-Protocol-Version} header, which the SDK sends on every HTTP request (with its latest
 * revision until it knows the agreed one), only on requests of a session whose agreed revision has it, from
 * 2025-06-18 (mcp-bridge-v1.md §3.2): not on {@code initialize}, nor on the stream the SDK opens before the
 * answer to it is read, nor to a server of an older revision.
 */
final class VersionHeader {
    /** The revision of the handshake, for the requests the SDK sends without it (ending the session). */
    private volatile String agreed;

    /** Called once the handshake has agreed on {@code revision}. */
    void agree(String revision) {
        agreed = revision;
    }

    /** The SDK's {@code request} with the header as the agreed revision has it. */
    Mono<HttpRequest.Builder> customize(HttpRequest.Builder request) {
        return Mono.deferContextual(sdk -> {
            String revision = sdk.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, agreed);
            if (revision != null && Revisions.hasVersionHeader(revision)) {
                return Mono.just(request.setHeader(HttpHeaders.PROTOCOL_VERSION, revision));
            }
            return Mono.just(HttpRequest.newBuilder(request.build(),
                    (name, value) -> !name.equalsIgnoreCase(HttpHeaders.PROTOCOL_VERSION)));
        });
    }
}
