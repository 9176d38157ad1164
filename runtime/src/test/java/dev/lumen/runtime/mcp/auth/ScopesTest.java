package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scope selection strategy of MCP authorization, step-up, and offline_access (SEP-2207). */
class ScopesTest {
    private static final ResourceMetadata PRM = new ResourceMetadata(URI.create("https://mcp.example.com/mcp"),
            List.of("https://as.example.com"), List.of("mcp:basic", "mcp:read"));
    private static final ResourceMetadata PRM_WITHOUT_SCOPES = new ResourceMetadata(PRM.resource(),
            PRM.authorizationServers(), null);

    @Test
    void theChallengesScopeComesFirst() {
        assertEquals(List.of("mcp:write"), Scopes.initial(List.of(), challenge("mcp:write"), PRM, null, true));
    }

    @Test
    void withoutOneEveryScopeTheResourceSupports() {
        assertEquals(List.of("mcp:basic", "mcp:read"), Scopes.initial(List.of(), Challenge.NONE, PRM, null, true));
    }

    @Test
    void withNothingNamedNoScopeIsAskedFor() {
        assertEquals(List.of(), Scopes.initial(List.of(), Challenge.NONE, PRM_WITHOUT_SCOPES, null, true));
        assertEquals(List.of(), Scopes.initial(List.of(), Challenge.NONE, null, List.of("offline_access"), true),
                "offline_access alone would replace the server's default scopes");
    }

    @Test
    void theGrantsScopeIsAlwaysAskedForAndReplacesTheResourcesList() {
        assertEquals(List.of("docs:read", "mcp:write"), Scopes.initial(List.of("docs:read"), challenge("mcp:write"),
                PRM, null, false));
        assertEquals(List.of("docs:read"), Scopes.initial(List.of("docs:read"), Challenge.NONE, PRM, null, false));
    }

    @Test
    void offlineAccessIsAddedOnlyWhenTheServerListsItAndATokenCanBeRefreshed() {
        List<String> as = List.of("mcp:basic", "offline_access");
        assertEquals(List.of("mcp:basic", "mcp:read", "offline_access"), Scopes.initial(List.of(), Challenge.NONE, PRM, as, true));
        assertEquals(List.of("mcp:basic", "mcp:read"), Scopes.initial(List.of(), Challenge.NONE, PRM, List.of("mcp:basic"), true));
        assertEquals(List.of("mcp:basic", "mcp:read"), Scopes.initial(List.of(), Challenge.NONE, PRM, as, false));
    }

    @Test
    void aStepUpAddsTheChallengesScopesToThoseHeld() {
        assertEquals(List.of("mcp:basic", "mcp:write"), Scopes.stepUp(List.of("mcp:basic"), challenge("mcp:basic mcp:write")));
        assertTrue(Scopes.covers(List.of("mcp:basic", "mcp:write"), challenge("mcp:write")));
        assertFalse(Scopes.covers(List.of("mcp:basic"), challenge("mcp:basic mcp:write")));
    }

    private static Challenge challenge(String scope) {
        return Challenge.parse(List.of("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""));
    }
}
