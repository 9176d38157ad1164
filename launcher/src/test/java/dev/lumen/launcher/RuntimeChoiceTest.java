package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code lumen run} asks bin/lumen for the optimizing JVM: with {@code -Dlumen.jit.restart=STATUS} set (as
 * bin/lumen sets it on the fast JVM), a run that wants the JIT exits with STATUS before running anything.
 * Tests run on the optimizing runtime, so the option case is covered by bin/lumen's behaviour, not here.
 */
class RuntimeChoiceTest {
    private static final int RESTART = 75;

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    @BeforeEach
    void asBinLumenStartsTheFastJvm() {
        System.setProperty(RuntimeChoice.RESTART_PROPERTY, Integer.toString(RESTART));
    }

    @AfterEach
    void clear() {
        System.clearProperty(RuntimeChoice.RESTART_PROPERTY);
    }

    private static Run lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path document(String profileLine) throws IOException {
        Path file = dir.resolve("doc.lm.md");
        Files.writeString(file, profileLine + "\n\n```lumen\ncell run(x: Int) -> Int\n  return x + 1\nend\n```\n");
        return file;
    }

    @Test
    void aDevDocumentRunsOnTheFastJvm() throws IOException {
        Run run = lumen("run", document("@profile dev").toString(), "--arg", "x=1");
        assertEquals(new Run(0, "2\n", ""), run);
        assertEquals(new Run(0, "2\n", ""), lumen("run", document("# no directives").toString(), "--arg", "x=1"));
    }

    @Test
    void aProdDocumentAsksForTheOptimizingJvmBeforeRunning() throws IOException {
        assertEquals(new Run(RESTART, "", ""), lumen("run", document("@profile prod").toString(), "--arg", "x=1"));
    }

    @Test
    void noJitKeepsAProdDocumentOnTheFastJvm() throws IOException {
        assertEquals(new Run(0, "2\n", ""), lumen("run", document("@profile prod").toString(), "--arg", "x=1", "--no-jit"));
    }

    @Test
    void jitAsksForTheOptimizingJvm() throws IOException {
        assertEquals(new Run(RESTART, "", ""), lumen("run", document("@profile test").toString(), "--jit"));
    }

    @Test
    void anLirModuleCarriesItsProfile() throws IOException {
        Path lir = dir.resolve("doc.lir.json");
        Run emit = lumen("emit", document("@profile prod").toString(), "-o", lir.toString());
        assertEquals(0, emit.status(), emit.err());
        assertTrue(Files.readString(lir).contains("\"profile\":\"prod\""));
        assertEquals(new Run(RESTART, "", ""), lumen("run", lir.toString(), "--arg", "x=1"));
    }

    @Test
    void aDocumentWithErrorsRestartsAndIsReportedOnTheOptimizingJvm() throws IOException {
        Path file = dir.resolve("bad.lm.md");
        Files.writeString(file, "@profile prod\n@profile dev\n\n```lumen\ncell run() -> Int\n  return \"x\"\nend\n```\n");
        Run run = lumen("run", file.toString(), "--color=never");
        assertEquals(RESTART, run.status(), "the first @profile counts (E0011 for the second), so prod restarts");
        System.clearProperty(RuntimeChoice.RESTART_PROPERTY);
        Run reported = lumen("run", file.toString(), "--color=never");
        assertEquals(1, reported.status());
        assertTrue(reported.err().contains("error[E0011]"), reported.err());
    }
}
