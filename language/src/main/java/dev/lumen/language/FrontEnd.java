package dev.lumen.language;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.SourceFile;

/** The front end's entry point: extract → lex → parse → resolve → typecheck. */
public final class FrontEnd {
    private FrontEnd() {
    }

    public static CheckResult check(SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        // Phases are wired in as they land.
        return new CheckResult(file, diagnostics.sorted());
    }
}
