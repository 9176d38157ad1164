package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where metadata is looked for, in the order of the MCP authorization specification, and what it may speak for. */
class DiscoveryLocationsTest {
    private static final URI ENDPOINT = URI.create("https://mcp.example.com/public/mcp");

    @Test
    void resourceMetadataComesFromTheChallengeThenThePathThenTheRoot() {
        URI named = URI.create("https://mcp.example.com/custom/prm.json");
        assertEquals(List.of(named, URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp"),
                        URI.create("https://mcp.example.com/.well-known/oauth-protected-resource")),
                ResourceMetadata.locations(ENDPOINT, Optional.of(named)));
        assertEquals(List.of(URI.create("http://127.0.0.1:8080/.well-known/oauth-protected-resource")),
                ResourceMetadata.locations(URI.create("http://127.0.0.1:8080/"), Optional.empty()),
                "an endpoint at the root has one well-known location");
    }

    @Test
    void anIssuerWithAPathIsLookedUpByInsertionThenAppending() {
        assertEquals(List.of(URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant1"),
                        URI.create("https://auth.example.com/.well-known/openid-configuration/tenant1"),
                        URI.create("https://auth.example.com/tenant1/.well-known/openid-configuration")),
                ServerMetadata.locations(URI.create("https://auth.example.com/tenant1")));
    }

    @Test
    void anIssuerWithoutAPathIsLookedUpAtTheRootOnly() {
        assertEquals(List.of(URI.create("https://auth.example.com/.well-known/oauth-authorization-server"),
                        URI.create("https://auth.example.com/.well-known/openid-configuration")),
                ServerMetadata.locations(URI.create("https://auth.example.com/")));
    }

    @Test
    void metadataSpeaksForItsResourceAndWhatLiesUnderIt() throws Exception {
        assertTrue(prm("https://mcp.example.com/public/mcp").covers(ENDPOINT));
        assertTrue(prm("https://MCP.example.com:443/public").covers(ENDPOINT), "origins compare normalized");
        assertTrue(prm("https://mcp.example.com").covers(ENDPOINT));
        assertFalse(prm("https://mcp.example.com/pub").covers(ENDPOINT), "paths compare by whole segments");
        assertFalse(prm("https://evil.example.com/public/mcp").covers(ENDPOINT));
        assertFalse(prm("http://mcp.example.com/public/mcp").covers(ENDPOINT), "the scheme is part of the origin");
        assertFalse(prm("https://mcp.example.com/public/mcp/tools").covers(ENDPOINT));
    }

    @Test
    void metadataWithoutAResourceOrAuthorizationServersIsNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(Optional.empty(), ResourceMetadata.parse(json.readTree("{\"resource\": \"https://a.example\"}")));
        assertEquals(Optional.empty(), ResourceMetadata.parse(json.readTree(
                "{\"resource\": \"not a url\", \"authorization_servers\": [\"https://as.example\"]}")));
        ResourceMetadata m = ResourceMetadata.parse(json.readTree("{\"resource\": \"https://a.example/mcp\","
                + " \"authorization_servers\": [\"https://as.example\"], \"scopes_supported\": [\"read\"]}")).orElseThrow();
        assertEquals(List.of("read"), m.scopesSupported());
        assertEquals("https://as.example", m.authorizationServer());
    }

    @Test
    void theCanonicalUriIsTheLowerCaseOriginAndPath() {
        assertEquals(URI.create("https://mcp.example.com/mcp"), Urls.canonical(URI.create("HTTPS://MCP.Example.com:443/mcp/")));
        assertEquals(URI.create("http://localhost:3000/mcp"), Urls.canonical(URI.create("http://localhost:3000/mcp")));
    }

    @Test
    void credentialsGoOverHttpsOrToLoopbackOnly() {
        assertTrue(Urls.isSecure(URI.create("https://as.example.com/token")));
        assertTrue(Urls.isSecure(URI.create("http://localhost:9000/token")));
        assertTrue(Urls.isSecure(URI.create("http://127.0.0.1:9000/token")));
        assertTrue(Urls.isSecure(URI.create("http://[::1]:9000/token")));
        assertFalse(Urls.isSecure(URI.create("http://as.example.com/token")));
    }

    private static ResourceMetadata prm(String resource) {
        return new ResourceMetadata(URI.create(resource), List.of("https://as.example.com"), null);
    }
}
