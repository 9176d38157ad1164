package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow MCP call on a terminal: `lumen run` sends it a progress token and shows the server's progress
 * notifications on one line of standard error, rewritten in place and erased at the end; nothing of it when
 * standard error is not a terminal or with `--quiet`. Standard error is made to pass for a terminal.
 */
@Timeout(60)
class McpProgressTest {
    @TempDir
    Path dir;

    private BooleanSupplier wasTerminal;

    @BeforeEach
    void pretendStderrIsATerminal() {
        wasTerminal = RunCommand.stderrIsTerminal;
        RunCommand.stderrIsTerminal = () -> true;
    }

    @AfterEach
    void restore() {
        RunCommand.stderrIsTerminal = wasTerminal;
    }

    private Path document() throws IOException, URISyntaxException {
        Path server = Path.of(McpProgressTest.class.getResource("slow_mcp_server.py").toURI());
        Files.createDirectories(dir.resolve(".lumen"));
        Path doc = Files.writeString(dir.resolve("slow.lm.md"), """
                ```lumen
                use tool mcp "stdio:python3 %s %s" as Slow
                grant Slow.work timeout_ms 30000

                cell run() -> String
                  return Slow.work().text
                end
                ```
                """.formatted(server, dir.resolve("received.log")));
        assertEquals(ExitCodes.OK, lumen("lock", doc.toString()).status());
        return doc;
    }

    @Test
    void theProgressOfASlowCallShowsOnOneLineThatIsErasedAtTheEnd() throws Exception {
        EmitCommandTest.Run run = lumen("run", document().toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"worked\"\n", run.out());
        String err = run.err();
        assertTrue(err.startsWith(StatusLine.ERASE + "lumen: waiting 1 s for `Slow.work` (of stdio:python3 "), err);
        assertTrue(err.matches("(?s).*: [123]/3, step [123].*"), "the server's progress is shown: " + err);
        assertTrue(err.endsWith(StatusLine.ERASE), "the line is erased at the end: " + err);
        assertFalse(err.contains("\n"), "nothing but the one line: " + err);
        assertTrue(Files.readString(dir.resolve("received.log")).contains("\"progressToken\": \"lumen-"),
                "the call carries a progress token");
    }

    @Test
    void quietShowsNothing() throws Exception {
        EmitCommandTest.Run run = lumen("run", "--quiet", document().toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void nothingShowsWhenStandardErrorIsNotATerminal() throws Exception {
        RunCommand.stderrIsTerminal = () -> false;
        EmitCommandTest.Run run = lumen("run", document().toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.err());
    }
}
