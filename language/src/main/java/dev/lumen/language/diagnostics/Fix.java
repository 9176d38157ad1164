package dev.lumen.language.diagnostics;

import dev.lumen.language.source.Span;
import java.util.List;

/**
 * A help's fix as an editor applies it: {@code edits} replace spans of the document, all against the text the
 * diagnostic was found in, without overlap. {@code title} names the change, e.g. "Change to `total`" or
 * "Wrap in `ok(…)`". Not rendered: the help text says the same for a reader.
 */
public record Fix(String title, List<Edit> edits) {

    /** {@code span}'s text replaced by {@code text}; an empty span inserts. */
    public record Edit(Span span, String text) {
    }

    public Fix {
        edits = List.copyOf(edits);
    }

    /** {@code span} replaced by {@code text}. */
    public static Fix replace(String title, Span span, String text) {
        return new Fix(title, List.of(new Edit(span, text)));
    }

    /** {@code span}'s text kept and surrounded by {@code before} and {@code after}. */
    public static Fix wrap(String title, Span span, String before, String after) {
        return new Fix(title, List.of(
                new Edit(new Span(span.line(), span.column(), span.line(), span.column()), before),
                new Edit(new Span(span.endLine(), span.endColumn(), span.endLine(), span.endColumn()), after)));
    }
}
