package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document under examples/ runs with {@code --offline} from what a fresh clone holds: the documents, the
 * tools, and the store's lock file and shipped cache entries (trusted by digest, not sealed by this test's key).
 * Traces, blobs, installed peers and build output of a working tree are left out of the copy, so the MCP
 * examples run with no server installed or listening: offline, their calls are answered by the entries shipped
 * for them (recorded by runs against the peers).
 */
class ExamplesOfflineTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /** The documents that cannot run from the command line alone, each with the reason. */
    static final Map<String, String> EXCLUDED = Map.of(
            "embedding/quote.lm.md", "its tool fx.rate is a host tool, offered only by the embedding applications"
                    + " (examples/embedding/run runs them)");
    /** The documents that have no `run` cell, so are only checked here, each with the reason. */
    static final Map<String, String> CHECKED_ONLY = Map.of(
            "mcp-serve/shipping.lm.md", "its cells are served as MCP tools (McpServeExampleTest calls them)");

    @TempDir
    Path dir;

    static List<String> documents() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".lm.md") && !skipped(EXAMPLES.relativize(p)))
                    .map(p -> EXAMPLES.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** What a fresh clone does not have: installed npm packages, build output, and the store but its tracked files. */
    private static boolean skipped(Path relative) {
        for (Path name : relative) {
            if (name.toString().equals("node_modules") || name.toString().equals("target")) {
                return true;
            }
        }
        String path = relative.toString().replace('\\', '/');
        return path.startsWith(".lumen/") && !path.equals(".lumen/lock.json") && !path.startsWith(".lumen/cache/");
    }

    /** A copy of examples/ as a fresh clone has it, in {@code target}. */
    static void copyExamples(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path p : files.toList()) {
                Path relative = EXAMPLES.relativize(p);
                if (skipped(relative)) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }

    @Test
    void everyExampleRunsOfflineInAFreshCopy() throws IOException {
        copyExamples(dir);
        List<String> documents = documents();
        assertTrue(documents.containsAll(List.of("invoice_agent.lm.md", "ticket_triage.lm.md", "text_report.lm.md")),
                documents.toString());
        for (String document : documents) {
            if (EXCLUDED.containsKey(document)) {
                continue;
            }
            if (CHECKED_ONLY.containsKey(document)) {
                EmitCommandTest.Run check = lumen("check", dir.resolve(document).toString());
                assertEquals(ExitCodes.OK, check.status(), document + ": " + check.err());
                continue;
            }
            EmitCommandTest.Run run = lumen("run", dir.resolve(document).toString(), "--offline");
            assertEquals(ExitCodes.OK, run.status(), document + " offline: " + run.err());
            assertFalse(run.err().contains("warning:"), document + ": " + run.err());
        }
    }

    @Test
    void everyExclusionNamesAnExistingDocument() throws IOException {
        Set<String> documents = documents().stream().collect(Collectors.toSet());
        for (String excluded : java.util.stream.Stream.concat(EXCLUDED.keySet().stream(), CHECKED_ONLY.keySet().stream()).toList()) {
            assertTrue(documents.contains(excluded), excluded + " is excluded but is not an example any more");
        }
    }
}
