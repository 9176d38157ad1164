package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen lir}: the listing of a document or of an emitted module. */
class LirCommandTest {

    @TempDir
    Path dir;

    private static final String DOC = """
            # Sums

            ```lumen
            cell total(xs: list[Int]) -> Int
              let mut sum = 0
              for x in xs
                sum = sum + x
              end
              return sum
            end

            cell run() -> Int
              return total([1, 2, 3])
            end
            ```
            """;

    @Test
    void listsEveryCellWithItsHeaderAndSourceLines() throws IOException {
        Path doc = Files.writeString(dir.resolve("sums.lm.md"), DOC);
        EmitCommandTest.Run run = lumen("lir", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("; LIR 1.2.0  source " + doc), out);
        assertTrue(out.contains("\ncell total(xs: list[Int]) -> Int  ; "), out);
        assertTrue(out.contains("\ncell run() -> Int  ; "), out);
        assertTrue(out.matches("(?s).*\\n +7 +\\[7\\] +ADD +1 1 5\\n.*"), out);
        assertTrue(out.matches("(?s).*\\[13\\] +CALL +0 0 +; total\\n.*"), out);
    }

    @Test
    void listsOneCell() throws IOException {
        Path doc = Files.writeString(dir.resolve("sums.lm.md"), DOC);
        EmitCommandTest.Run run = lumen("lir", doc.toString(), "--cell", "run");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTrue(run.out().startsWith("cell run() -> Int  ; "), run.out());
        assertTrue(!run.out().contains("cell total"), run.out());

        EmitCommandTest.Run missing = lumen("lir", doc.toString(), "--cell", "nope");
        assertEquals(ExitCodes.USAGE, missing.status());
        assertEquals("error: no cell `nope` in `" + doc + "`; its cells are `total`, `run`\n", missing.err());
    }

    @Test
    void listsAnEmittedModuleTheSameWay() throws IOException {
        Path doc = Files.writeString(dir.resolve("sums.lm.md"), DOC);
        assertEquals(ExitCodes.OK, lumen("emit", doc.toString()).status());
        EmitCommandTest.Run fromDoc = lumen("lir", doc.toString());
        EmitCommandTest.Run fromModule = lumen("lir", dir.resolve("sums.lir.json").toString());
        assertEquals(ExitCodes.OK, fromModule.status(), fromModule.err());
        assertEquals(fromDoc.out(), fromModule.out());
    }

    @Test
    void aMalformedModuleIsAnError() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.lir.json"), "{\"version\": \"1.0.0\"}");
        EmitCommandTest.Run run = lumen("lir", bad.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().startsWith("error: `" + bad + "` is not an LIR module: "), run.err());
    }

    @Test
    void aDocumentWithErrorsPrintsDiagnosticsAndNoListing() throws IOException {
        Path doc = Files.writeString(dir.resolve("bad.lm.md"), "```lumen\ncell run() -> Int\n  return x\nend\n```\n");
        EmitCommandTest.Run run = lumen("lir", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error[E0013]: cannot find `x` in this scope\n"), run.err());
    }

    @Test
    void unreadableInputExitsWithTwo() {
        assertEquals(ExitCodes.USAGE, lumen("lir", dir.resolve("missing.lm.md").toString()).status());
        assertEquals(ExitCodes.USAGE, lumen("lir", dir.resolve("missing.lir.json").toString()).status());
        assertEquals(ExitCodes.USAGE, lumen("lir").status());
    }
}
