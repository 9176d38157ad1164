package dev.lumen.runtime.mcp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.mcp.McpException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive step's end: the browser's redirect, or a clear failure when none comes in time. */
@Timeout(30)
class LoopbackRedirectTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void noRedirectInTimeFailsSayingHowToWaitLonger() {
        try (LoopbackRedirect redirect = LoopbackRedirect.open(0, "s", "MCP server \"A\"")) {
            McpException e = assertThrows(McpException.class, () -> redirect.await(Duration.ofMillis(200), "MCP server \"A\""));
            assertEquals("MCP server \"A\": the authorization was not completed within 0 s (no redirect to "
                    + redirect.uri() + " came); run again to retry, or set LUMEN_MCP_AUTH_TIMEOUT to wait longer",
                    e.getMessage());
            assertTrue(redirect.uri().toString().matches("http://127\\.0\\.0\\.1:\\d+/callback"));
        }
    }

    @Test
    void aRedirectOfAnotherStateIsRefusedAndTheRightOneTaken() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open(0, "right", "s")) {
            assertEquals(400, get(redirect.uri() + "?code=forged&state=wrong"));
            assertEquals(404, get(redirect.uri().resolve("/other") + "?code=c&state=right"));
            assertEquals(200, get(redirect.uri() + "?code=the%20code&state=right"));
            assertEquals(new LoopbackRedirect.Answer("the code", null, null), redirect.await(Duration.ofSeconds(5), "s"));
        }
    }

    @Test
    void anErrorRedirectEndsTheWait() throws Exception {
        try (LoopbackRedirect redirect = LoopbackRedirect.open(0, "s1", "s")) {
            get(redirect.uri() + "?error=access_denied&error_description=no&state=s1");
            assertEquals(new LoopbackRedirect.Answer(null, "access_denied", "no"), redirect.await(Duration.ofSeconds(5), "s"));
        }
    }

    @Test
    void theBrowserCommandGetsTheUrlInPlaceOfPercentSOrLast(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("open"), "#!/bin/sh\necho \"$@\" > \"$0.out\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        PrintStream messages = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Browser.fromEnvironment(Map.of("BROWSER", script + " --new-tab"), messages).open(URI.create("http://x/a?b=1"));
        assertEquals("--new-tab http://x/a?b=1", awaitOutput(dir.resolve("open.out")));
        Files.delete(dir.resolve("open.out"));
        Browser.fromEnvironment(Map.of("BROWSER", script + " --url=%s --quiet"), messages).open(URI.create("http://y/"));
        assertEquals("--url=http://y/ --quiet", awaitOutput(dir.resolve("open.out")));
    }

    private static String awaitOutput(Path file) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.size(file) == 0); i++) {
            Thread.sleep(50);
        }
        return Files.readString(file).strip();
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
