package dev.lumen.language;

import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.ParsedDocument;
import dev.lumen.language.syntax.Parser;

/** The front end's entry point: extract → lex → parse → resolve → typecheck. */
public final class FrontEnd {
    private FrontEnd() {
    }

    public static CheckResult check(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, diagnostics);
        ParsedDocument parsed = Parser.parseDocument(document, diagnostics);
        // The checker runs even after syntax errors, so independent type errors are reported too;
        // what it says about code that recovery dropped is left out.
        Diagnostics semantic = new Diagnostics();
        Checker.check(parsed.program(), semantic);
        for (Diagnostic d : semantic.sorted()) {
            if (!parsed.hides(d, file)) {
                diagnostics.add(d);
            }
        }
        return new CheckResult(file, diagnostics.sorted());
    }
}
