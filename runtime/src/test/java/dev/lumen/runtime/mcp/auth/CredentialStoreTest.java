package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.mcp.McpException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    private static final Credential CREDENTIAL = new Credential("https://mcp.example.com/mcp", "https://as.example.com",
            "client-1", null, "none", null, "access-secret", "refresh-secret", 0, List.of("read"));

    @TempDir
    Path dir;

    @Test
    void keepsACredentialPrivatelyAndReadsItBack() throws Exception {
        Path store = dir.resolve("lumen/credentials");
        CredentialStore credentials = new CredentialStore(store);
        credentials.save("k", CREDENTIAL, "server");
        assertEquals(Optional.of(CREDENTIAL), credentials.load("k", "server"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file("k"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
        try (var files = Files.list(store)) {
            assertEquals(List.of(credentials.file("k")), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anotherServerOrClientHasAnotherKey() {
        String key = CredentialStore.key("https://mcp.example.com/mcp", "AUTHORIZATION_CODE\nclient_id=a");
        assertEquals(key, CredentialStore.key("https://mcp.example.com/mcp", "AUTHORIZATION_CODE\nclient_id=a"));
        assertNotEquals(key, CredentialStore.key("https://mcp.example.com/other", "AUTHORIZATION_CODE\nclient_id=a"));
        assertNotEquals(key, CredentialStore.key("https://mcp.example.com/mcp", "AUTHORIZATION_CODE\nclient_id=b"));
        assertTrue(key.matches("[0-9a-f]{32}"));
    }

    @Test
    void aFileOthersCanReadIsNotUsed() throws Exception {
        CredentialStore credentials = new CredentialStore(dir);
        credentials.save("k", CREDENTIAL, "server");
        Files.setPosixFilePermissions(credentials.file("k"), PosixFilePermissions.fromString("rw-r--r--"));
        McpException e = assertThrows(McpException.class, () -> credentials.load("k", "MCP server \"A\""));
        assertEquals("MCP server \"A\": the credential file `" + credentials.file("k") + "` is readable or writable by"
                + " others; it is not used (run `chmod 600 " + credentials.file("k") + "`, or remove it to authorize"
                + " again)", e.getMessage());
    }

    @Test
    void anUnreadableFileIsAsGoodAsNone() throws Exception {
        CredentialStore credentials = new CredentialStore(dir);
        Files.writeString(credentials.file("k"), "{not json");
        Files.setPosixFilePermissions(credentials.file("k"), PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), credentials.load("k", "server"));
        assertEquals(Optional.empty(), credentials.load("absent", "server"));
    }

    @Test
    void aTokenCloseToItsExpiryIsNotUsable() {
        long now = Instant.now().getEpochSecond();
        assertTrue(CREDENTIAL.usable(Instant.now()), "a token of unknown expiry is used");
        assertTrue(CREDENTIAL.withTokens("a", null, now + 3600, List.of()).usable(Instant.now()));
        assertTrue(CREDENTIAL.withTokens("a", null, now + 10, List.of()).usable(Instant.now()));
        assertEquals(false, CREDENTIAL.withTokens("a", null, now + 10, List.of()).fresh(Instant.now()),
                "a stored token about to expire is not sent at the start");
        assertEquals(false, CREDENTIAL.withTokens("a", null, now - 1, List.of()).usable(Instant.now()));
        assertEquals("refresh-secret", CREDENTIAL.withTokens("a", null, 0, List.of()).refreshToken(),
                "a refresh without a new refresh token keeps the old one");
    }

    @Test
    void theDirectoryIsTheUsersConfigurationUnlessNamed() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/tmp/c"), AuthEnvironment.credentialsDirectory(java.util.Map.of(
                AuthEnvironment.CREDENTIALS_VARIABLE, "/tmp/c"), home));
        assertEquals(Path.of("/x/lumen/credentials"), AuthEnvironment.credentialsDirectory(java.util.Map.of(
                "XDG_CONFIG_HOME", "/x"), home));
        assertEquals(Path.of("/home/u/.config/lumen/credentials"), AuthEnvironment.credentialsDirectory(java.util.Map.of(
                "XDG_CONFIG_HOME", "relative"), home));
    }
}
