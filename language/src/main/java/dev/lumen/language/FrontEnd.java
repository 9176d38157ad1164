package dev.lumen.language;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;

/** The front end's entry point: extract → lex → parse → resolve → typecheck. */
public final class FrontEnd {
    private FrontEnd() {
    }

    public static CheckResult check(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, diagnostics);
        // Parsing, name resolution and type checking of `document` go here.
        return new CheckResult(file, diagnostics.sorted());
    }
}
