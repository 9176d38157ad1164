package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void readsTheParametersOfABearerChallenge() {
        Challenge c = Challenge.parse(List.of("Bearer error=\"insufficient_scope\", scope=\"mcp:basic mcp:write\", "
                + "resource_metadata=\"http://localhost:3000/.well-known/oauth-protected-resource/mcp\""));
        assertTrue(c.isInsufficientScope());
        assertEquals(List.of("mcp:basic", "mcp:write"), c.scopes());
        assertEquals(Optional.of(URI.create("http://localhost:3000/.well-known/oauth-protected-resource/mcp")),
                c.resourceMetadata());
    }

    @Test
    void takesTokensQuotedStringsWithEscapesAndAnyCase() {
        Challenge c = Challenge.parse(List.of("bearer Error=invalid_token, error_description=\"say \\\"hi\\\"\""));
        assertEquals(Optional.of("invalid_token"), c.get("error"));
        assertEquals("invalid_token: say \"hi\"", c.describe());
        assertFalse(c.isInsufficientScope());
    }

    @Test
    void findsTheBearerChallengeAmongOthers() {
        Challenge c = Challenge.parse(List.of("Basic realm=\"x\"", "Negotiate abc==, Bearer scope=\"read\""));
        assertEquals(List.of("read"), c.scopes());
        assertEquals(Challenge.NONE, Challenge.parse(List.of("Basic realm=\"x\"")));
        assertEquals(Challenge.NONE, Challenge.parse(List.of()));
    }

    @Test
    void aBareChallengeNamesNothing() {
        Challenge c = Challenge.parse(List.of("Bearer"));
        assertEquals(List.of(), c.scopes());
        assertEquals(Optional.empty(), c.resourceMetadata());
        assertEquals("", c.describe());
    }

    @Test
    void aRelativeOrBrokenResourceMetadataIsNoLocation() {
        assertEquals(Optional.empty(), Challenge.parse(List.of("Bearer resource_metadata=\"/prm\"")).resourceMetadata());
        assertEquals(Optional.empty(), Challenge.parse(List.of("Bearer resource_metadata=\"http://a b\"")).resourceMetadata());
    }
}
