package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/mcp-serve: the MCP Inspector's command line calls a cell that {@code lumen serve --mcp} serves, as its
 * README shows ({@code examples/mcp-serve/check}). Skipped when the Inspector is not installed
 * ({@code examples/mcp-serve/install}, which bin/test runs).
 */
class McpServeExampleTest {
    private static final Path EXAMPLE = LumenScript.ROOT.resolve("examples/mcp-serve");

    @Test
    void theInspectorCallsTheServedCellAsTheReadmeShows(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(EXAMPLE.resolve("node_modules/@modelcontextprotocol/inspector/package.json")),
                "the MCP Inspector is not installed: run examples/mcp-serve/install");
        assumeTrue(LumenScript.available(), "the launcher is not packaged (bin/lumen needs launcher/target/lib)");
        Path out = dir.resolve("out.txt");
        ProcessBuilder check = new ProcessBuilder(EXAMPLE.resolve("check").toString())
                .directory(LumenScript.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        check.environment().put("LUMEN_BUILD", "0");
        check.environment().put("MCP_CATALOG_PATH", dir.resolve("catalog.json").toString());
        Process p = check.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(report.contains("4 passed, 0 failed"), report);
        assertEquals(0, p.exitValue(), report);
    }
}
