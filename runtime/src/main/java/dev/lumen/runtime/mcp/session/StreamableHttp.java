package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpAddress;
import dev.lumen.runtime.mcp.McpSettings;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;

/** The SDK's Streamable HTTP transport, pointed at an address's endpoint (mcp-bridge-v1.md §3.2). */
final class StreamableHttp {
    private StreamableHttp() {
    }

    static McpClientTransport transport(McpAddress.StreamableHttp address, McpJsonMapper mapper, McpSettings settings,
            VersionHeader header) {
        URI endpoint = address.endpoint();
        // The SDK takes the origin and the path apart.
        String origin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        String path = (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(origin)
                .endpoint(path)
                .jsonMapper(mapper)
                .supportedProtocolVersions(Revisions.SPOKEN)
                .asyncHttpRequestCustomizer((request, method, uri, body, context) -> header.customize(request))
                .connectTimeout(settings.handshakeTimeout())
                .build();
    }
}
