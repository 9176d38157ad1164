package dev.lumen.language.diagnostics;

import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;

/**
 * An underline in a snippet: {@code start} and {@code width} in terminal cells of the drawn line. A span over
 * several lines is underlined on its first line, to that line's end; an empty span gets one mark.
 */
record Mark(int line, int start, int width, boolean primary, String label) {

    static Mark of(SourceFile file, Span span, boolean primary, String label) {
        String text = Columns.line(file, span.line());
        int from = Columns.clamp(span.column() - 1, text);
        int to = span.endLine() > span.line() ? text.length() : Columns.clamp(span.endColumn() - 1, text);
        int start = Columns.width(text, 0, from);
        int width = Math.max(1, Columns.width(text, from, Math.max(from, to)));
        return new Mark(span.line(), start, width, primary, label == null ? "" : label);
    }

    int end() {
        return start + width;
    }

    /** Whether a span can be drawn in {@code file} at all. */
    static boolean drawable(SourceFile file, Span span) {
        return span != Span.NONE && span.line() >= 1 && span.line() <= file.lineCount();
    }
}
