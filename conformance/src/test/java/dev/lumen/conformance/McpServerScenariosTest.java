package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server scenarios of the official MCP conformance suite that apply to a tools-only server, run by
 * {@code conformance/mcp/serve-scenarios} against {@code lumen serve --mcp conformance/mcp/server.lm.md --http 0}
 * (the packaged launcher, through bin/lumen). Skipped when the suite is not installed
 * ({@code conformance/mcp/install}, which bin/test runs).
 */
class McpServerScenariosTest {
    private static final Path MCP = LumenScript.ROOT.resolve("conformance/mcp");

    /** The scenarios that apply (conformance/mcp/README.md): each must pass. */
    private static final List<String> APPLICABLE = List.of(
            "server-initialize", "ping", "logging-set-level",
            "tools-list", "tools-call-simple-text", "tools-call-image", "tools-call-audio",
            "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-error",
            "json-schema-2020-12", "server-sse-multiple-streams", "dns-rebinding-protection");

    @Test
    void everyScenarioThatAppliesToAToolsOnlyServerPasses(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(MCP.resolve("node_modules/@modelcontextprotocol/conformance/package.json")),
                "the MCP conformance suite is not installed: run conformance/mcp/install");
        assumeTrue(LumenScript.available(), "the launcher is not packaged (bin/lumen needs launcher/target/lib)");
        Path out = dir.resolve("out.txt");
        ProcessBuilder runner = new ProcessBuilder(MCP.resolve("serve-scenarios").toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        runner.environment().put("LUMEN_BUILD", "0");
        Process p = runner.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        for (String scenario : APPLICABLE) {
            assertTrue(report.contains("pass: " + scenario + "\n"), () -> scenario + " did not pass:\n" + report);
        }
        assertTrue(report.contains(APPLICABLE.size() + " passed, 0 failed"), report);
        assertEquals(0, p.exitValue(), report);
    }
}
