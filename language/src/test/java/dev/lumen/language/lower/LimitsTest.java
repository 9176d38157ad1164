package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.Parser;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.LirModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells that check cleanly but do not fit LIR's encoding are diagnostics, not crashes. */
class LimitsTest {

    private static Compilation compile(String code) {
        return FrontEnd.compile(new SourceFile("t.lm.md", Lowered.document(code)));
    }

    private static String params(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append("p").append(i).append(": Int");
        }
        return b.toString();
    }

    @Test
    void twoHundredFiftySixRegistersFit() {
        LirModule m = Lowered.module("cell wide(" + params(255) + ") -> Int\n  return p0 + p1\nend\n");
        CellDef cell = Lowered.cell(m, "wide");
        assertEquals(256, cell.registers().size());
    }

    @Test
    void moreThan256RegistersIsE0034AtTheCell() {
        Compilation c = compile("cell wide(" + params(257) + ") -> Int\n  return p0\nend\n");
        assertNull(c.module());
        assertTrue(c.hasErrors());
        List<Diagnostic> ds = c.result().diagnostics();
        assertEquals(1, ds.size(), Lowered.render(ds));
        Diagnostic d = ds.get(0);
        assertEquals(Code.E0034, d.code());
        assertEquals("cell `wide` needs more than 256 registers", d.message());
        assertEquals("2:6", d.span().toString());
        // The parameter that does not fit: p256, the 257th.
        assertEquals(1, d.secondary().size());
        assertEquals("registers run out here", d.secondary().get(0).message());
        assertEquals(2, d.secondary().get(0).span().line());
    }

    @Test
    void aWideExpressionRunsOutOfRegistersWhereItIsComputed() {
        StringBuilder fields = new StringBuilder();
        StringBuilder init = new StringBuilder();
        for (int i = 0; i < 260; i++) {
            fields.append("  f").append(i).append(": Int\n");
            init.append(i == 0 ? "" : ", ").append("f").append(i).append(": ").append(i);
        }
        Compilation c = compile("record Wide\n" + fields + "end\n\ncell make() -> Wide\n  return Wide { " + init
                + " }\nend\n");
        assertNull(c.module());
        Diagnostic d = c.result().diagnostics().get(0);
        assertEquals(Code.E0034, d.code());
        assertEquals("registers run out here", d.secondary().get(0).message());
        assertEquals(266, d.secondary().get(0).span().line());
    }

    @Test
    void aJumpOverMoreThan32767InstructionsIsE0035() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 7000; i++) {
            body.append("    total = total + n * 3 - 1\n");
        }
        Compilation c = compile("cell big(n: Int) -> Int\n  let mut total = 0\n  if n > 0\n" + body
                + "  end\n  return total\nend\n");
        assertNull(c.module());
        List<Diagnostic> ds = c.result().diagnostics();
        assertEquals(1, ds.size(), Lowered.render(ds));
        assertEquals(Code.E0035, ds.get(0).code());
        assertEquals("cell `big` is too large to compile", ds.get(0).message());
        assertEquals("the jump starts here", ds.get(0).secondary().get(0).message());
        assertEquals(4, ds.get(0).secondary().get(0).span().line());
    }

    @Test
    void theExceptionFormCarriesTheDiagnostics() {
        SourceFile file = new SourceFile("t.lm.md",
                Lowered.document("cell wide(" + params(300) + ") -> Int\n  return p0\nend\n"));
        Diagnostics diagnostics = new Diagnostics();
        CheckedProgram checked = Checker.check(Parser.parseDocument(MarkdownExtractor.extract(file, diagnostics),
                diagnostics).program(), diagnostics);
        assertEquals(List.of(), diagnostics.sorted());
        LoweringException e = assertThrows(LoweringException.class, () -> Lowering.lower(checked, file));
        assertEquals(Code.E0034, e.diagnostics().get(0).code());
    }
}
