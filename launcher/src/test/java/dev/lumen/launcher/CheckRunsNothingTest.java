package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document's `use tool mcp "stdio:…"` line is a command. `check`, `emit` and `lir` never run it: they type MCP
 * calls from the lock file and name the command that records it. `lumen lock` is the step that starts it, and
 * says so first; so is a `lumen run` (which was asked to execute the document), but not an offline one.
 */
class CheckRunsNothingTest {
    @TempDir
    Path dir;

    private Path marker;
    private Path doc;
    private String address;

    @BeforeEach
    void writeTheDocument() throws IOException {
        Files.createDirectories(dir.resolve(".lumen")); // the document's project is this directory
        marker = dir.resolve("MARKER");
        address = "stdio:sh -c 'touch " + marker + "'";
        doc = Files.writeString(dir.resolve("m.lm.md"), """
                ```lumen
                use tool mcp "%s" as M
                grant M.anything

                cell run() -> Json
                  return M.anything()
                end
                ```
                """.formatted(address));
    }

    private void assertNothingRan(EmitCommandTest.Run run) {
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertFalse(Files.exists(marker), "the server's command ran");
        assertTrue(run.err().startsWith("error[E0048]: the MCP server \"" + address + "\" is not in the lock file\n"
                + " --> " + doc + ":2:14\n"), run.err());
        assertTrue(run.err().contains("= note: there is no lock file (" + dir.resolve(".lumen/lock.json") + ")"),
                run.err());
        assertTrue(run.err().contains("= help: run `lumen lock " + doc + "` to start the server and record its tools"),
                run.err());
        assertFalse(run.err().contains("starting MCP server"), run.err());
        assertFalse(Files.exists(dir.resolve(".lumen/lock.json")), "nothing is written");
    }

    @Test
    void checkEmitAndLirStartNoServer() {
        assertNothingRan(lumen("check", "--color=never", doc.toString()));
        assertNothingRan(lumen("check", "--color=never", "--offline", doc.toString()));
        assertNothingRan(lumen("emit", "--color=never", doc.toString()));
        assertFalse(Files.exists(dir.resolve("m.lir.json")));
        assertNothingRan(lumen("lir", "--color=never", doc.toString()));
    }

    @Test
    void checkReportsItInJsonToo() {
        EmitCommandTest.Run run = lumen("check", "--format", "json", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.out().contains("\"code\": \"E0048\""), run.out());
        assertFalse(Files.exists(marker), "the server's command ran");
    }

    @Test
    void anOfflineRunStartsNothingEither() {
        assertNothingRan(lumen("run", "--color=never", "--offline", doc.toString()));
    }

    @Test
    void lockStartsTheServerAndSaysSoFirst() {
        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertTrue(Files.exists(marker), "`lumen lock` starts the server to read its tools");
        assertTrue(lock.err().startsWith("lumen: starting MCP server `" + address + "` to read its tools\n"), lock.err());
        // `touch` is no MCP server: the handshake fails, and nothing is recorded
        assertEquals(ExitCodes.ERRORS, lock.status(), lock.err());
        assertTrue(lock.err().contains("error: `" + doc + "` imports the MCP server \"" + address
                + "\", which cannot be reached: "), lock.err());
        assertFalse(Files.exists(dir.resolve(".lumen/lock.json")));
    }

    @Test
    void aRunStartsItAsItWouldForItsCallsAndSaysSo() {
        EmitCommandTest.Run run = lumen("run", "--color=never", doc.toString());
        assertTrue(Files.exists(marker), "a run starts the servers it imports");
        assertTrue(run.err().startsWith("lumen: starting MCP server `" + address + "` to read its tools\n"), run.err());
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertTrue(run.err().contains("error[E0049]: cannot reach the MCP server \"" + address + "\""), run.err());
        assertTrue(run.err().contains("`lumen lock " + doc + "` reads its tools without running the document"),
                run.err());
    }

    @Test
    void underStrictLockingARunStartsNothing() throws IOException {
        Files.writeString(doc, "@lock strict\n\n" + Files.readString(doc));
        EmitCommandTest.Run run = lumen("run", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertFalse(Files.exists(marker), "the server's command ran");
        assertTrue(run.err().startsWith("error[E0048]: the MCP server \"" + address + "\" is not in the lock file"),
                run.err());
    }
}
