package dev.lumen.language;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import java.util.List;

/** The outcome of checking one document: its diagnostics in document order. */
public record CheckResult(SourceFile file, List<Diagnostic> diagnostics) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
