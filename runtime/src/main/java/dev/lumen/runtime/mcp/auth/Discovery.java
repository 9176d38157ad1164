package dev.lumen.runtime.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who authorizes requests to an MCP server (MCP authorization, "Authorization Server Discovery"): its
 * protected resource metadata (RFC 9728) from the challenge's {@code resource_metadata} or the well-known
 * locations, then the metadata of the authorization server it names (RFC 8414 / OpenID Connect). A server that
 * publishes no resource metadata is one of revision 2025-03-26, whose authorization server is at its own origin.
 * Authorization server metadata is read once per session.
 */
final class Discovery {
    /** What discovery found: the resource to ask tokens for, its metadata (null for a 2025-03-26 server), its server. */
    record Found(URI resource, ResourceMetadata metadata, ServerMetadata server) {
    }

    private final AuthHttp http;
    private final URI endpoint;
    private final String label;
    private final Map<URI, ServerMetadata> servers = new HashMap<>();

    Discovery(AuthHttp http, URI endpoint, String label) {
        this.http = http;
        this.endpoint = endpoint;
        this.label = label;
    }

    /**
     * Discovers the authorization of the endpoint from the {@code challenge} it answered with.
     *
     * @throws McpException when the metadata names another resource, or no authorization server can be found
     */
    Found discover(Challenge challenge) {
        Optional<ResourceMetadata> resource = resourceMetadata(challenge);
        if (resource.isEmpty()) {
            ServerMetadata legacy = servers.computeIfAbsent(URI.create(Urls.origin(endpoint)),
                    origin -> ServerMetadata.legacy(http, endpoint, label));
            return new Found(Urls.canonical(endpoint), null, legacy);
        }
        ResourceMetadata prm = resource.get();
        if (!prm.covers(endpoint)) {
            throw new McpException(label + ": its protected resource metadata is for the resource " + prm.resource()
                    + ", not for " + endpoint + "; Lumen does not authorize with it (RFC 9728 §3.3)");
        }
        URI issuer = Urls.absolute(prm.authorizationServer()).orElseThrow(() -> new McpException(label
                + ": its protected resource metadata names the authorization server `" + prm.authorizationServer()
                + "`, which is not a URL"));
        if (!Urls.isSecure(issuer)) {
            throw new McpException(label + ": its authorization server " + issuer + " is not https: Lumen sends"
                    + " credentials only over https (or to a loopback address)");
        }
        ServerMetadata server = servers.computeIfAbsent(issuer, i -> ServerMetadata.discover(http, i, label));
        return new Found(prm.resource(), prm, server);
    }

    private Optional<ResourceMetadata> resourceMetadata(Challenge challenge) {
        for (URI url : ResourceMetadata.locations(endpoint, challenge.resourceMetadata())) {
            Optional<JsonNode> doc = http.getJson(url, "reading its protected resource metadata");
            if (doc.isPresent()) {
                Optional<ResourceMetadata> prm = ResourceMetadata.parse(doc.get());
                if (prm.isPresent()) {
                    return prm;
                }
            }
        }
        return Optional.empty();
    }
}
