package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.junit.jupiter.api.Test;

/** "▶ Run" on each cell and "Show trace" on the document, carrying the commands' ids and arguments. */
class CodeLensTest {

    @Test
    void eachCellHasARunLensAndTheDocumentATraceLens() {
        Marked doc = Marked.of("""
                # Two cells

                [[]]```lumen
                cell [[first]]() -> Int
                  return 1
                end
                ```

                ```lumen
                cell [[second]](n: Int) -> Int
                  return n
                end
                ```
                """);
        String uri = "file:///tmp/lenses.lm.md";
        try (LspSession session = LspSession.start()) {
            session.open(uri, doc.text());
            List<? extends CodeLens> lenses = session.lenses(uri);
            assertEquals(List.of(
                    "Show trace lumen.showTrace [file:///tmp/lenses.lm.md]",
                    "\u25b6 Run lumen.runCell [file:///tmp/lenses.lm.md, first]",
                    "\u25b6 Run lumen.runCell [file:///tmp/lenses.lm.md, second]"),
                    lenses.stream().map(CodeLensTest::describe).toList());
            assertEquals(doc.range(0).getStart(), lenses.get(0).getRange().getStart());
            assertEquals(doc.range(1), lenses.get(1).getRange());
            assertEquals(doc.range(2), lenses.get(2).getRange());
        }
    }

    @Test
    void aDocumentThatIsNotAFileHasNoLenses() {
        try (LspSession session = LspSession.start()) {
            session.open("untitled:Untitled-2", "```lumen\ncell f() -> Int\n  return 1\nend\n```\n");
            assertEquals(List.of(), session.lenses("untitled:Untitled-2"));
        }
    }

    static String describe(CodeLens lens) {
        return lens.getCommand().getTitle() + " " + lens.getCommand().getCommand() + " "
                + lens.getCommand().getArguments().stream().map(a -> a instanceof com.google.gson.JsonElement j
                        ? j.getAsString() : String.valueOf(a)).toList();
    }
}
