package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A named pipe (or a device) given where a document or LIR module is read is refused at once, exit status 2:
 * reading one would wait for a writer that may never come, and a device may never end.
 */
class NonRegularFilesTest {
    @TempDir
    Path dir;

    private Path pipe;

    @BeforeEach
    void makePipe() throws IOException, InterruptedException {
        pipe = dir.resolve("doc.lm.md");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
    }

    @ParameterizedTest(name = "lumen {0} PIPE")
    @CsvSource({"check, doc.lm.md", "emit, doc.lm.md", "lir, doc.lm.md", "run, doc.lm.md", "lock, doc.lm.md",
        "lir, doc.lir.json", "run, doc.lir.json"})
    void aNamedPipeIsRefused(String command, String name) throws Exception {
        Path target = dir.resolve(name);
        if (!target.equals(pipe)) {
            Files.move(pipe, target);
        }
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), command, target.toString()));
        try {
            assertEquals(ExitCodes.USAGE, status.get(20, TimeUnit.SECONDS), err.toString());
        } catch (TimeoutException e) {
            // The command is blocked opening the pipe: a writer unblocks it, so the test ends either way.
            try (OutputStream unblock = Files.newOutputStream(target)) {
                unblock.flush();
            }
            fail("`lumen " + command + "` waited on a named pipe");
        }
        assertTrue(err.toString().contains("couldn't read `" + target + "`: it is not a regular file"), err.toString());
    }
}
