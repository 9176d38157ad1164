package dev.lumen.language;

import dev.lumen.language.ast.Program;
import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.Parser;

/** The front end's entry point: extract → lex → parse → resolve → typecheck. */
public final class FrontEnd {
    private FrontEnd() {
    }

    public static CheckResult check(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, diagnostics);
        int before = diagnostics.errorCount();
        Program program = Parser.parse(document, diagnostics);
        // Statements dropped by syntax-error recovery would make the checker report phantom errors.
        if (diagnostics.errorCount() == before) {
            Checker.check(program, diagnostics);
        }
        return new CheckResult(file, diagnostics.sorted());
    }
}
