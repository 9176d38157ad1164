package dev.lumen.language.syntax;

import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Builds a one-block document from Lumen code, as if it sat in a fence starting on Markdown line 2. */
final class Snippets {
    private Snippets() {
    }

    static CodeBlock block(String code) {
        List<CodeLine> lines = new ArrayList<>();
        String[] split = code.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            lines.add(new CodeLine(split[i], i + 2, 0));
        }
        return new CodeBlock(lines, Span.of(1, 1, 9));
    }

    record Parsed(Program program, List<Diagnostic> diagnostics) {
    }

    static Parsed parse(String code) {
        Diagnostics diagnostics = new Diagnostics();
        LumenDocument doc = new LumenDocument(new SourceFile("t.lm.md", code), List.of(), List.of(block(code)));
        Program program = Parser.parse(doc, diagnostics);
        return new Parsed(program, diagnostics.sorted());
    }
}
