package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.Disassembler;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every document of the check corpus that checks cleanly lowers to a module the verifier accepts. */
class LoweringCorpusTest {
    private static final Path OK = Path.of("..", "conformance", "corpus", "check", "ok");

    static List<Path> documents() throws IOException {
        try (Stream<Path> files = Files.list(OK)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lm.md")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCleanDocumentLowersAndVerifies() throws IOException {
        List<Path> docs = documents();
        assertTrue(docs.size() > 10, "corpus not found at " + OK.toAbsolutePath());
        return docs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            SourceFile file = new SourceFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            Compilation c = FrontEnd.compile(file);
            assertNotNull(c.module(), () -> Lowered.render(c.result().diagnostics()));
            LirModule m = c.module();
            assertEquals(List.of(), Verifier.verify(m), () -> Disassembler.listing(m));
            // Deterministic: a second compilation gives an equal module and byte-identical JSON.
            LirModule again = FrontEnd.compile(file).module();
            assertEquals(LirJson.write(m), LirJson.write(again));
            assertEquals(m.types(), again.types());
            assertEquals(m.tools(), again.tools());
            // The JSON form reads back to the same module.
            assertEquals(LirJson.write(m), LirJson.write(LirJson.read(LirJson.write(m))));
        }));
    }
}
