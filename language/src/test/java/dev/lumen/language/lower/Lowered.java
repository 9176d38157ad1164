package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Disassembler;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lumen snippets compiled to LIR, for listing tests. A snippet is put in one `lumen` fence starting on
 * Markdown line 1, so snippet line n is Markdown line n + 1.
 */
final class Lowered {
    private Lowered() {
    }

    static String document(String code) {
        return "```lumen\n" + code + (code.endsWith("\n") ? "" : "\n") + "```\n";
    }

    /** The module of an error-free snippet; the verifier must accept it. */
    static LirModule module(String code) {
        Compilation c = FrontEnd.compile(new SourceFile("t.lm.md", document(code)));
        if (c.module() == null) {
            fail("snippet does not compile:\n" + render(c.result().diagnostics()));
        }
        List<String> problems = Verifier.verify(c.module());
        if (!problems.isEmpty()) {
            fail("verifier rejects the module:\n" + String.join("\n", problems) + "\n\n"
                    + Disassembler.listing(c.module()));
        }
        return c.module();
    }

    static String render(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.code().id() + " " + d.message() + " @" + d.span()).collect(Collectors.joining("\n"));
    }

    static CellDef cell(LirModule m, String name) {
        for (CellDef c : m.cells()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cell `" + name + "` in\n" + Disassembler.listing(m));
    }

    /** Each instruction of the cell as the disassembler shows it: {@code OP operands ; comment}. */
    static List<String> code(LirModule m, String name) {
        CellDef cell = cell(m, name);
        List<String> out = new ArrayList<>();
        for (int pc = 0; pc < cell.code().length; pc++) {
            out.add(Disassembler.instruction(m, cell, pc));
        }
        return out;
    }

    /** The listing of the cell named {@code name} in the snippet. */
    static List<String> code(String snippet, String name) {
        return code(module(snippet), name);
    }

    /**
     * Asserts the cell's exact instruction sequence. On a mismatch the message shows the actual listing as
     * Java string literals, ready to paste.
     */
    static void assertCode(LirModule m, String cell, String... expected) {
        List<String> actual = code(m, cell);
        assertEquals(List.of(expected), actual, () -> "actual:\n" + actual.stream()
                .map(l -> "                \"" + l.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",\n")) + "\n\n" + Disassembler.cell(m, m.cells().indexOf(cell(m, cell))));
    }

    static void assertCode(String snippet, String cell, String... expected) {
        assertCode(module(snippet), cell, expected);
    }
}
