package dev.lumen.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontEndTest {

    private static List<String> codesAndLines(String markdown) {
        CheckResult result = FrontEnd.check(new SourceFile("doc.lm.md", markdown));
        return result.diagnostics().stream().map(d -> d.code().id() + "@" + d.span().line()).toList();
    }

    @Test
    void typeErrorsAreReportedAlongsideSyntaxErrorsWithoutEchoes() {
        List<String> found = codesAndLines("""
                ```lumen
                record Order
                  id: String
                  total Float
                end

                cell broken(x: Int) -> Int
                  let y = (x +
                  return y
                end

                cell typed(o: Order) -> Float
                  let label = "order"
                  return o.total + label
                end

                cell caller() -> Int
                  return broken(1) + helper(2) + lost(3)
                end

                cell lost header(
                  return 1
                end
                ```
                """);
        // Not reported: `y` unknown (its `let` was dropped), `o.total` (its field line was dropped),
        // a missing return in `broken`, calls of the dropped cell `lost`.
        assertEquals(List.of("E0007@4", "E0007@8", "E0013@18", "E0007@21"), found);
    }

    @Test
    void aDocumentWithoutLumenCodeIsClean() {
        assertEquals(List.of(), codesAndLines("# Notes\n\nJust prose, and `inline code`.\n"));
    }

    @Test
    void diagnosticsComeInDocumentOrderAcrossPhases() {
        CheckResult result = FrontEnd.check(new SourceFile("doc.lm.md", """
                @cache maybe

                ```lumen
                cell run() -> Int
                  return "x"
                end
                ```
                """));
        List<Code> codes = result.diagnostics().stream().map(Diagnostic::code).toList();
        assertEquals(List.of(Code.E0011, Code.E0012), codes);
    }

    @Test
    void anyValueBecomesJsonThroughToJson() {
        assertEquals(List.of(), codesAndLines("""
                ```lumen
                record Point
                  x: Int
                  y: Int
                end
                use tool json.emit as Emit
                grant Emit
                cell run() -> String
                  return Emit(value: to_json(Point { x: 1, y: 2 }))
                end
                ```
                """));
    }
}
