package dev.lumen.runtime.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The protected resource metadata of an MCP server (RFC 9728): its resource identifier, the authorization servers
 * that issue tokens for it, and the scopes it names ({@code scopes_supported}, null when it names none).
 */
record ResourceMetadata(URI resource, List<String> authorizationServers, List<String> scopesSupported) {

    /**
     * Where the metadata of the server at {@code endpoint} is looked for, in order (MCP authorization, "Protected
     * Resource Metadata Discovery"): the URL its {@code WWW-Authenticate} challenge names, then the well-known
     * location for the endpoint's path, then the one at the root of its origin.
     */
    static List<URI> locations(URI endpoint, Optional<URI> fromChallenge) {
        List<URI> urls = new ArrayList<>();
        fromChallenge.ifPresent(urls::add);
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        URI root = URI.create(Urls.origin(endpoint) + "/.well-known/oauth-protected-resource");
        if (!path.isEmpty()) {
            urls.add(URI.create(root + path));
        }
        urls.add(root);
        return urls.stream().distinct().toList();
    }

    /** The metadata a document holds, or empty when it is not such a document. */
    static Optional<ResourceMetadata> parse(JsonNode json) {
        JsonNode resource = json.get("resource");
        JsonNode servers = json.get("authorization_servers");
        if (resource == null || !resource.isTextual() || servers == null || !servers.isArray() || servers.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> id = Urls.absolute(resource.asText());
        List<String> as = new ArrayList<>();
        servers.forEach(s -> {
            if (s.isTextual()) {
                as.add(s.asText());
            }
        });
        if (id.isEmpty() || as.isEmpty()) {
            return Optional.empty();
        }
        JsonNode scopes = json.get("scopes_supported");
        List<String> supported = null;
        if (scopes != null && scopes.isArray()) {
            supported = new ArrayList<>();
            for (JsonNode s : scopes) {
                if (s.isTextual()) {
                    supported.add(s.asText());
                }
            }
        }
        return Optional.of(new ResourceMetadata(id.get(), List.copyOf(as), supported == null ? null : List.copyOf(supported)));
    }

    /**
     * Whether this metadata may speak for {@code endpoint} (RFC 9728 §3.3, RFC 8707): its resource has the
     * endpoint's origin and its path is the endpoint's path or a parent of it, segment by segment.
     */
    boolean covers(URI endpoint) {
        if (!Urls.origin(resource).equals(Urls.origin(endpoint)) || resource.getRawQuery() != null
                || resource.getRawFragment() != null) {
            return false;
        }
        String own = trimSlash(resource.getRawPath());
        String asked = trimSlash(endpoint.getRawPath());
        return own.isEmpty() || asked.equals(own) || asked.startsWith(own + "/");
    }

    private static String trimSlash(String path) {
        String p = path == null ? "" : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The authorization server to use: the first listed (RFC 9728 §7.6 leaves the choice to the client). */
    String authorizationServer() {
        return authorizationServers.get(0);
    }
}
