package dev.lumen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark measures the checker's normal path only if the generated document is valid Lumen. */
class DocumentGeneratorTest {

    @Test
    void generatedDocumentIsLargeAndChecksWithoutDiagnostics() {
        String doc = DocumentGenerator.generate(5_000);
        SourceFile file = new SourceFile("generated.lm.md", doc);
        assertTrue(file.lineCount() >= 5_000, "only " + file.lineCount() + " lines");
        CheckResult result = FrontEnd.check(file);
        assertEquals(List.of(), result.diagnostics());
    }
}
