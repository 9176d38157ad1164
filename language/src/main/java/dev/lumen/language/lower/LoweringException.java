package dev.lumen.language.lower;

import dev.lumen.language.diagnostics.Diagnostic;
import java.util.List;

/** A document that checks cleanly but does not fit LIR's limits (E0034, E0035); carries the diagnostics. */
public final class LoweringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public LoweringException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "lowering failed" : diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
