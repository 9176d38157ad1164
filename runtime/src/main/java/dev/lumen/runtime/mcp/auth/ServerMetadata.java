package dev.lumen.runtime.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import dev.lumen.runtime.mcp.McpException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the client knows of an authorization server: its metadata document (RFC 8414, or OpenID Connect Discovery),
 * or — for a server of revision 2025-03-26 that publishes none — its default endpoints. {@code documented} tells the
 * two apart: only a document can promise PKCE.
 */
record ServerMetadata(AuthorizationServerMetadata metadata, boolean documented) {

    /**
     * Where the metadata of the authorization server {@code issuer} is looked for, in the order of MCP
     * authorization ("Authorization Server Metadata Discovery"): for an issuer with a path, RFC 8414's path
     * insertion, OpenID Connect's path insertion, then OpenID Connect's path appending; for one without, RFC
     * 8414's location, then OpenID Connect's.
     */
    static List<URI> locations(URI issuer) {
        String origin = Urls.origin(issuer);
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return List.of(URI.create(origin + "/.well-known/oauth-authorization-server"),
                    URI.create(origin + "/.well-known/openid-configuration"));
        }
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + "/.well-known/openid-configuration" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    /**
     * The metadata of {@code issuer}, from the first of its {@link #locations} that has a document whose
     * {@code issuer} is that issuer (RFC 8414 §3.3: any other is not used).
     */
    static ServerMetadata discover(AuthHttp http, URI issuer, String label) {
        for (URI url : locations(issuer)) {
            Optional<JsonNode> doc = http.getJson(url, "reading the metadata of authorization server " + issuer);
            if (doc.isPresent()) {
                AuthorizationServerMetadata m = parse(doc.get(), label, url);
                if (!sameIssuer(m.getIssuer().getValue(), issuer.toString())) {
                    throw new McpException(label + ": the metadata at " + url + " is that of issuer `"
                            + m.getIssuer() + "`, not of `" + issuer + "`, the authorization server the MCP server names;"
                            + " it is not used (RFC 8414 §3.3)");
                }
                return new ServerMetadata(m, true);
            }
        }
        throw new McpException(label + ": authorization server " + issuer + " publishes no metadata (tried "
                + String.join(", ", locations(issuer).stream().map(URI::toString).toList()) + ")");
    }

    /**
     * The authorization server of a server that publishes no protected resource metadata (revision 2025-03-26):
     * the metadata at its origin's RFC 8414 location, or else the default endpoints {@code /authorize},
     * {@code /token} and {@code /register} there.
     */
    static ServerMetadata legacy(AuthHttp http, URI endpoint, String label) {
        String origin = Urls.origin(endpoint);
        URI url = URI.create(origin + "/.well-known/oauth-authorization-server");
        Optional<JsonNode> doc = http.getJson(url, "reading the authorization server metadata");
        if (doc.isPresent()) {
            return new ServerMetadata(parse(doc.get(), label, url), true);
        }
        AuthorizationServerMetadata defaults = new AuthorizationServerMetadata(new Issuer(origin));
        defaults.setAuthorizationEndpointURI(URI.create(origin + "/authorize"));
        defaults.setTokenEndpointURI(URI.create(origin + "/token"));
        defaults.setRegistrationEndpointURI(URI.create(origin + "/register"));
        return new ServerMetadata(defaults, false);
    }

    private static AuthorizationServerMetadata parse(JsonNode doc, String label, URI url) {
        try {
            return AuthorizationServerMetadata.parse(doc.toString());
        } catch (ParseException e) {
            throw new McpException(label + ": the authorization server metadata at " + url + " cannot be read: "
                    + e.getMessage());
        }
    }

    /** Issuers compare as written, but for one trailing slash. */
    static boolean sameIssuer(String a, String b) {
        return trim(a).equals(trim(b));
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    URI issuer() {
        return URI.create(metadata.getIssuer().getValue());
    }

    URI tokenEndpoint(String label) {
        return secure(metadata.getTokenEndpointURI(), "token endpoint", label);
    }

    URI authorizationEndpoint(String label) {
        return secure(metadata.getAuthorizationEndpointURI(), "authorization endpoint", label);
    }

    Optional<URI> registrationEndpoint() {
        return Optional.ofNullable(metadata.getRegistrationEndpointURI());
    }

    /** The endpoint, which the metadata must give and which must be https (or loopback). */
    private URI secure(URI url, String what, String label) {
        if (url == null) {
            throw new McpException(label + ": authorization server " + issuer() + " names no " + what);
        }
        if (!Urls.isSecure(url)) {
            throw new McpException(label + ": the " + what + " of authorization server " + issuer() + " is "
                    + AuthHttp.origin(url) + ", which is not https: Lumen sends credentials only over https (or to"
                    + " a loopback address)");
        }
        return url;
    }

    /**
     * Refuses an authorization server whose metadata does not list PKCE's S256 method (MCP authorization, "Authorization
     * Code Protection"); default endpoints, which promise nothing, are used with S256 all the same.
     */
    void requirePkce(String label) {
        List<CodeChallengeMethod> methods = metadata.getCodeChallengeMethods();
        if (documented && (methods == null || !methods.contains(CodeChallengeMethod.S256))) {
            throw new McpException(label + ": authorization server " + issuer() + " does not support PKCE with S256"
                    + " (its metadata's code_challenge_methods_supported is "
                    + (methods == null ? "absent" : methods.toString()) + "); MCP clients must not authorize without it");
        }
    }

    /** Whether the server takes an https URL of a client metadata document as client id (CIMD). */
    boolean supportsClientMetadataDocuments() {
        return Boolean.TRUE.equals(metadata.getCustomParameter("client_id_metadata_document_supported"));
    }

    /** The scopes the server lists, or null when it lists none. */
    List<String> scopesSupported() {
        return metadata.getScopes() == null ? null : metadata.getScopes().toStringList();
    }

    /** The token endpoint's client authentication methods, or null when the metadata lists none. */
    List<String> authMethods() {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        if (methods == null || methods.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        methods.forEach(m -> names.add(m.getValue()));
        return names;
    }

    /** Whether the server accepts {@code grant}; one that lists no grant types is taken to. */
    boolean acceptsGrant(GrantType grant) {
        List<GrantType> types = metadata.getGrantTypes();
        return types == null || types.isEmpty() || types.contains(grant);
    }

    /** The JWS algorithms the token endpoint takes for private_key_jwt, or empty when it lists none. */
    List<String> signingAlgorithms() {
        return metadata.getTokenEndpointJWSAlgs() == null ? List.of()
                : metadata.getTokenEndpointJWSAlgs().stream().map(a -> a.getName()).toList();
    }
}
