package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of an MCP call: the run stops, and so does the server process it started
 * (mcp-bridge-v1.md §3.1). The run is a child JVM, interrupted with SIGINT as a terminal would.
 */
@Timeout(90)
class McpInterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsTheRunAndTheServerItStarted() throws Exception {
        Path called = dir.resolve("called");
        Path doc = Files.writeString(dir.resolve("stuck.lm.md"), """
                ```lumen
                use tool mcp "stdio:python3 %s %s" as Stuck
                grant Stuck.wait timeout_ms 600000

                cell run() -> String
                  let answer = Stuck.wait()
                  return answer.text
                end
                ```
                """.formatted(script(), called));
        Files.createDirectories(dir.resolve(".lumen"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                Main.class.getName(), "run", doc.toString());
        Process run = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(called)) {
                assertTrue(run.isAlive(), "the run ended before its call: " + Files.readString(dir.resolve("err.txt")));
                assertTrue(System.nanoTime() < deadline, "the call did not reach the server within 60 s");
                Thread.sleep(50);
            }
            assertEquals(1, servers(), "one server process serves the call");
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());
            assertTrue(run.waitFor(20, TimeUnit.SECONDS), "the run did not stop on SIGINT");
            assertNotEquals(0, run.exitValue());
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (servers() > 0 && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertEquals(0, servers(), "the server process outlived the interrupted run");
        } finally {
            run.destroyForcibly();
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(McpInterruptTest.class.getResource("stuck_mcp_server.py").toURI());
    }

    /** The stuck servers still running, started by this test's run. */
    private long servers() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(dir.resolve("called").toString()))
                .count();
    }
}
