package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpAddress;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.mcp.auth.McpAuthorization;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Consumer;

/**
 * The SDK's Streamable HTTP transport, pointed at an address's endpoint (mcp-bridge-v1.md §3.2), with the
 * session's authorization (§11.4) putting its token on every request and answering the server's 401 and 403.
 */
final class StreamableHttp {
    private StreamableHttp() {
    }

    /**
     * @param lost  told why when the event stream of a request ends before answering it and cannot be resumed
     * @param built given each HTTP client the transport builds, which the session stops when it ends
     */
    static McpClientTransport transport(McpAddress.StreamableHttp address, McpJsonMapper mapper, McpSettings settings,
            VersionHeader header, McpAuthorization authorization, Consumer<String> lost, Consumer<HttpClient> built) {
        URI endpoint = address.endpoint();
        // The SDK takes the origin and the path apart.
        String origin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        String path = (endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(origin)
                .endpoint(path)
                .jsonMapper(mapper)
                .supportedProtocolVersions(Revisions.SPOKEN)
                .asyncHttpRequestCustomizer((request, method, uri, body, context) -> header.customize(request)
                        .flatMap(authorization::customize))
                .authorizationErrorHandler(authorization.errorHandler())
                .connectTimeout(settings.handshakeTimeout())
                // streams resume as the specification says, under the SDK (its own resumption is not that)
                .clientBuilder(ResumingHttpClient.builder(lost, built))
                .resumableStreams(false)
                .build();
    }
}
