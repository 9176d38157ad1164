package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuth authorization as a user meets it (mcp-bridge-v1.md §11.4), against a loopback MCP server that is its own
 * authorization server: `lumen check` authorizes nothing; `lumen lock` authorizes in the "browser" ($BROWSER,
 * here curl following the redirects) and keeps the tokens in the credential store; a later `lumen run`, its
 * access token expired, refreshes it without asking the user again. No token reaches the project's store,
 * trace, cache or lock file, nor what Lumen prints.
 */
@Timeout(300)
class McpAuthorizationRunsTest {
    @TempDir
    Path project;
    @TempDir
    Path home;

    @BeforeAll
    static void launcherBuiltAndCurlThere() {
        assumeTrue(LumenScript.available(), "the launcher is not packaged; run the tests through the reactor");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl, which plays the browser, is not installed");
    }

    @Test
    void lockAuthorizesARunRefreshesAndNoTokenIsKeptInTheProject() throws Exception {
        try (OAuthMcpServer server = new OAuthMcpServer(3)) {
            Path doc = Files.writeString(project.resolve("notes.lm.md"), """
                    ```lumen
                    use tool mcp "%s" as Notes
                    grant Notes oauth "authorization_code" scope "notes"
                    grant Notes.note timeout_ms 20000

                    cell run() -> String
                      return Notes.note().text
                    end
                    ```
                    """.formatted(server.address()));
            Path browser = Files.writeString(home.resolve("browser"),
                    "#!/bin/sh\nexec /usr/bin/curl -sS -L -o /dev/null \"$1\"\n");
            Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
            Path credentials = home.resolve("credentials");
            Map<String, String> env = Map.of("BROWSER", browser.toString(), "LUMEN_CREDENTIALS_DIR",
                    credentials.toString(), "LUMEN_MCP_AUTH_TIMEOUT", "30");
            List<LumenScript.Result> results = new ArrayList<>();

            LumenScript.Result check = LumenScript.run(project, env, "check", doc.toString());
            results.add(check);
            assertEquals(1, check.status(), check.err());
            assertEquals(List.of(), server.seen(), "checking reaches no server");

            LumenScript.Result lock = LumenScript.run(project, env, "lock", doc.toString());
            results.add(lock);
            assertEquals(0, lock.status(), lock.out() + lock.err());
            assertEquals(1, server.seen().stream().filter("authorize"::equals).count(), String.join("\n", server.seen()));
            assertTrue(lock.err().contains("asks for authorization; open this URL in a browser to grant Lumen access"
                    + " (notes offline_access):"), lock.err());
            try (Stream<Path> kept = Files.list(credentials)) {
                Path file = kept.findFirst().orElseThrow();
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }

            Thread.sleep(3_500); // the access token expires
            LumenScript.Result run = LumenScript.run(project, env, "run", doc.toString());
            results.add(run);
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().contains("noted"), run.out());
            List<String> seen = server.seen();
            assertEquals(1, seen.stream().filter("authorize"::equals).count(), "the run asks the user nothing");
            assertEquals(List.of("token authorization_code", "token refresh_token"),
                    seen.stream().filter(s -> s.startsWith("token ")).toList());
            assertTrue(seen.contains("mcp tools/call"), String.join("\n", seen));

            List<String> tokens = server.tokens();
            assertEquals(4, tokens.size(), "two access and two refresh tokens were issued");
            for (Path file : files(project)) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String token : tokens) {
                    assertFalse(text.contains(token), file + " holds a token");
                }
            }
            assertTrue(files(project).stream().anyMatch(f -> f.toString().contains(".lumen")),
                    "the run kept its trace in the project");
            for (LumenScript.Result r : results) {
                for (String token : tokens) {
                    assertFalse(r.out().contains(token) || r.err().contains(token), "a token was printed");
                }
            }
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
