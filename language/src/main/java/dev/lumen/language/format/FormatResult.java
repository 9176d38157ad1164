package dev.lumen.language.format;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import java.util.List;

/** What formatting a document gives: its formatted text, or the syntax errors that prevent formatting it. */
public sealed interface FormatResult {

    /**
     * The formatted document. {@code edits} replace the code of each block that changed, in document order and
     * without overlap; applied to the original text they give {@code text}. {@code keptAsWritten} are the fences
     * of blocks the formatter left as they were because it could not lay them out without changing what they
     * mean or how CommonMark reads them (docs/spec/format.md §9.2); normally empty.
     */
    record Formatted(String text, List<BlockEdit> edits, List<Span> keptAsWritten) implements FormatResult {
        public Formatted {
            edits = List.copyOf(edits);
            keptAsWritten = List.copyOf(keptAsWritten);
        }

        /** Whether formatting changes the document. */
        public boolean changed() {
            return !edits.isEmpty();
        }
    }

    /** The document has syntax errors: it is not formatted. The diagnostics are those `lumen check` reports for them. */
    record Refused(List<Diagnostic> diagnostics) implements FormatResult {
        public Refused {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
