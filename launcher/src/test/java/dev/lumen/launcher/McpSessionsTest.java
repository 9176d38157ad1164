package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command asks of an MCP server, seen from the server (the runtime's scriptable stdio server, which logs
 * the method of every message it receives): a server without tools is not asked for them, and one run opens one
 * session per server, for reading its tools and for calling them.
 */
@Timeout(60)
class McpSessionsTest {
    @TempDir
    Path dir;

    private Path log;

    /** A document importing tool `measure` of the script server in {@code mode}, logging to {@link #log}. */
    private Path document(String mode) throws IOException {
        String script = System.getProperty("lumen.mcp.script");
        if (script == null || !Files.isRegularFile(Path.of(script))) {
            fail("the scriptable MCP server is not at " + script + "; run the tests through Maven (launcher/pom.xml)");
        }
        Files.createDirectories(dir.resolve(".lumen"));
        log = dir.resolve("received.log");
        return Files.writeString(dir.resolve("measure.lm.md"), """
                ```lumen
                use tool mcp "stdio:python3 '%s' %s '%s'" as Meter
                grant Meter.measure

                cell run() -> Int
                  let m = Meter.measure()
                  return m.n
                end
                ```
                """.formatted(script, mode, log));
    }

    private List<String> received() throws IOException {
        return Files.readAllLines(log);
    }

    @Test
    void aServerWithoutToolsLocksWithNoneAndAnImportOfOneIsUnknown() throws IOException {
        Path doc = document("no-tools");
        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertEquals(ExitCodes.OK, lock.status(), lock.err());
        assertEquals(List.of("initialize", "notifications/initialized"), received(), "tools/list was sent");
        assertTrue(Files.readString(dir.resolve(".lumen/lock.json")).contains("\"tools\" : [ ]"),
                Files.readString(dir.resolve(".lumen/lock.json")));

        EmitCommandTest.Run check = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, check.status());
        assertTrue(check.err().startsWith("error[E0040]: unknown tool `measure` of MCP server `Meter`"), check.err());
        assertTrue(check.err().contains("`misbehaving` offers no tools"), check.err());
    }

    @Test
    void oneRunOpensOneSessionToReadTheToolsAndCallThem() throws IOException {
        Path doc = document("revision:2025-11-25");
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("7\n", run.out());
        assertTrue(run.err().startsWith("lumen: starting MCP server `stdio:python3 "), run.err());
        assertEquals(List.of("initialize", "notifications/initialized", "tools/list", "tools/call"), received());

        // With the tools recorded, the next run reads nothing before its call (and lists the tools for their
        // output schemas once it has the result).
        Files.delete(log);
        EmitCommandTest.Run again = lumen("run", doc.toString());
        assertEquals("7\n", again.out(), again.err());
        assertEquals(List.of("initialize", "notifications/initialized", "tools/call", "tools/list"), received());
    }

    @Test
    void aSessionOpenedToReadToolsIsClosedWhenTheDocumentDoesNotCompile() throws IOException {
        Path doc = document("revision:2025-11-25");
        Files.writeString(doc, Files.readString(doc).replace("return m.n", "return m.missing"));
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status(), run.out());
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("misbehaving_server.py")).count(),
                "the server read for the run outlived it");
    }
}
