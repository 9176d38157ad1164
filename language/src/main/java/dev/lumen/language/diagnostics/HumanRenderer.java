package dev.lumen.language.diagnostics;

import dev.lumen.language.source.SourceFile;
import java.util.List;

/** Renders diagnostics rustc-style for a terminal. */
public final class HumanRenderer {
    private final boolean color;

    public HumanRenderer(boolean color) {
        this.color = color;
    }

    public String render(SourceFile file, List<Diagnostic> diagnostics) {
        throw new UnsupportedOperationException("not yet");
    }
}
