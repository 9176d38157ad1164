package dev.lumen.language.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.Compilation;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirJson;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A formatted document is the same program (docs/spec/format.md §9.3): it compiles to the same LIR module but for
 * the document hash and the source positions of its instructions. Checked on every document of the repository
 * that compiles.
 */
class FormattingKeepsMeaningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The repository has far more documents that compile; fewer means the test lost sight of them. */
    private static final int MINIMUM_COMPILED = 150;

    @TestFactory
    Stream<DynamicTest> formattedDocumentsCompileToTheSameLirApartFromPositions() {
        return Formatting.repositoryDocuments().stream().map(document -> DynamicTest.dynamicTest(document.toString(),
                () -> sameProgram(document)));
    }

    @Test
    void enoughDocumentsCompile() {
        long compiled = Formatting.repositoryDocuments().stream().filter(d -> module(d, Formatting.read(d)) != null)
                .count();
        assertTrue(compiled >= MINIMUM_COMPILED, compiled + " documents compile");
    }

    private static void sameProgram(Path document) throws Exception {
        String text = Formatting.read(document);
        JsonNode before = module(document, text);
        if (before == null || !(Formatter.format(new SourceFile(document.toString(), text))
                instanceof FormatResult.Formatted formatted)) {
            return;
        }
        assertEquals(before, module(document, formatted.text()), document.toString());
    }

    /** The document's LIR module without its document hash and source positions; null if it does not compile. */
    static JsonNode module(Path document, String text) {
        Compilation c = ProjectLoader.compile(new SourceFile(document.toString(), text, document));
        if (c.module() == null) {
            return null;
        }
        try {
            ObjectNode module = (ObjectNode) JSON.readTree(LirJson.write(c.module()));
            module.remove("doc_hash");
            for (JsonNode cell : module.withArray("cells")) {
                for (JsonNode instruction : cell.withArray("code")) {
                    ((ObjectNode) instruction).remove("at");
                }
                // Debug information keeps where statements start and which registers are named, not its spans.
                ObjectNode debug = (ObjectNode) cell.get("debug");
                debug.remove("span");
                for (JsonNode statement : debug.withArray("statements")) {
                    ((ObjectNode) statement).remove("span");
                }
            }
            return module;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
