package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen emit}: compiles a document and writes its canonical LIR module. */
class EmitCommandTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString().replace("\r\n", "\n"));
    }

    static final String GREETING = """
            # Greeting

            ```lumen
            cell run(name: String) -> String
              return "Hello, {name}!"
            end
            ```
            """;

    @Test
    void writesTheModuleBesideTheDocumentAndPrintsNothing() throws Exception {
        Path doc = Files.writeString(dir.resolve("greeting.lm.md"), GREETING);
        Run run = lumen("emit", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        Path written = dir.resolve("greeting.lir.json");
        assertTrue(Files.exists(written));
        String json = Files.readString(written, StandardCharsets.UTF_8);
        assertTrue(json.endsWith("}\n"), json);
        LirModule module = LirJson.read(json);
        assertEquals(List.of(), Verifier.verify(module));
        assertEquals("run", module.cells().get(0).name());
        assertEquals(doc.toString(), module.source());
        // Canonical: writing the module read back gives the same bytes.
        assertEquals(json, LirJson.write(module));
    }

    @Test
    void emittingTwiceGivesTheSameBytes() throws IOException {
        Path doc = Files.writeString(dir.resolve("greeting.lm.md"), GREETING);
        assertEquals(ExitCodes.OK, lumen("emit", doc.toString()).status());
        byte[] first = Files.readAllBytes(dir.resolve("greeting.lir.json"));
        assertEquals(ExitCodes.OK, lumen("emit", doc.toString()).status());
        byte[] second = Files.readAllBytes(dir.resolve("greeting.lir.json"));
        assertEquals(new String(first, StandardCharsets.UTF_8), new String(second, StandardCharsets.UTF_8));
    }

    @Test
    void dashOChoosesTheOutputAndNoTemporaryFileIsLeft() throws IOException {
        Path doc = Files.writeString(dir.resolve("greeting.lm.md"), GREETING);
        Path out = dir.resolve("build").resolve("g.lir.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "stale");
        Run run = lumen("emit", doc.toString(), "-o", out.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTrue(Files.readString(out).startsWith("{\"cells\":"));
        assertFalse(Files.exists(dir.resolve("greeting.lir.json")));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of("g.lir.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aDocumentWithErrorsPrintsItsDiagnosticsAndWritesNothing() throws IOException {
        Path doc = Files.writeString(dir.resolve("bad.lm.md"), """
                ```lumen
                cell run() -> Int
                  return "seven"
                end
                ```
                """);
        Run run = lumen("emit", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error[E0012]: mismatched types\n"), run.err());
        assertTrue(run.err().contains(" --> " + doc + ":3:10\n"), run.err());
        assertTrue(run.err().endsWith("error: could not compile `" + doc + "` due to 1 previous error\n"), run.err());
        assertFalse(Files.exists(dir.resolve("bad.lir.json")));
    }

    @Test
    void aCellBeyondLirLimitsIsAnErrorToo() throws IOException {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            params.append(i == 0 ? "" : ", ").append("p").append(i).append(": Int");
        }
        Path doc = Files.writeString(dir.resolve("wide.lm.md"), "```lumen\ncell wide(" + params
                + ") -> Int\n  return p0\nend\n```\n");
        assertEquals(ExitCodes.OK, lumen("check", doc.toString()).status());
        Run run = lumen("emit", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().startsWith("error[E0034]: cell `wide` needs more than 256 registers\n"), run.err());
        assertFalse(Files.exists(dir.resolve("wide.lir.json")));
    }

    @Test
    void warningsArePrintedAndTheModuleIsStillWritten() throws IOException {
        Path doc = Files.writeString(dir.resolve("warn.lm.md"), """
                ```lumen
                cell run() -> Int
                  let unused = 1
                  return 2
                end
                ```
                """);
        Run run = lumen("emit", "--color=never", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertTrue(run.err().startsWith("warning[W0002]: unused variable `unused`\n"), run.err());
        assertTrue(run.err().endsWith("warning: `" + doc + "` generated 1 warning\n"), run.err());
        assertTrue(Files.exists(dir.resolve("warn.lir.json")));
    }

    @Test
    void inputAndOutputProblemsExitWithTwo() throws IOException {
        Run missing = lumen("emit", dir.resolve("missing.lm.md").toString());
        assertEquals(ExitCodes.USAGE, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Path doc = Files.writeString(dir.resolve("greeting.lm.md"), GREETING);
        Run nowhere = lumen("emit", doc.toString(), "-o", dir.resolve("no").resolve("such").resolve("x.lir.json").toString());
        assertEquals(ExitCodes.USAGE, nowhere.status());
        assertTrue(nowhere.err().startsWith("error: couldn't write `"), nowhere.err());

        assertEquals(ExitCodes.USAGE, lumen("emit").status());
        assertEquals(ExitCodes.USAGE, lumen("emit", doc.toString(), doc.toString()).status());
    }

    @Test
    void defaultOutputReplacesTheMarkdownExtension() {
        assertEquals("a/b.lir.json", EmitCommand.defaultOutput("a/b.lm.md"));
        assertEquals("notes.lir.json", EmitCommand.defaultOutput("notes.md"));
    }

    @Test
    void theInvoiceExampleEmitsAVerifiedModule() throws Exception {
        Path out = dir.resolve("invoice.lir.json");
        Run run = lumen("emit", "../examples/invoice_agent.lm.md", "-o", out.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        LirModule module = LirJson.read(Files.readString(out));
        assertEquals(List.of(), Verifier.verify(module));
        assertTrue(module.cells().stream().anyMatch(c -> c.name().equals("run")));
    }

    @Test
    void helpListsTheCommands() {
        Run help = lumen("--help");
        assertTrue(help.out().contains("emit"), help.out());
        assertTrue(help.out().contains("lir"), help.out());
        Run emitHelp = lumen("emit", "--help");
        assertEquals(ExitCodes.OK, emitHelp.status());
        assertTrue(emitHelp.out().contains("--output"), emitHelp.out());
    }
}
