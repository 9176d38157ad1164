package dev.lumen.lsp.protocol;

import dev.lumen.language.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The front end's spans as LSP ranges. A span's lines and columns are 1-based and its columns already count
 * UTF-16 code units (as LSP's characters do), so the conversion is a shift by one; {@link Span#NONE} (a
 * diagnostic about the whole document) is the document's first position.
 */
public final class Ranges {
    private Ranges() {
    }

    public static Range of(Span span) {
        if (span == null || span.equals(Span.NONE) || span.line() < 1) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        Position start = new Position(span.line() - 1, Math.max(0, span.column() - 1));
        Position end = new Position(Math.max(span.line(), span.endLine()) - 1, Math.max(0, span.endColumn() - 1));
        if (end.getLine() == start.getLine() && end.getCharacter() < start.getCharacter()) {
            end = start;
        }
        return new Range(start, end);
    }

    /** Whether span {@code inner} lies within span {@code outer} (both ends included). */
    public static boolean within(Span outer, Span inner) {
        boolean startsAfter = inner.line() > outer.line()
                || (inner.line() == outer.line() && inner.column() >= outer.column());
        boolean endsBefore = inner.endLine() < outer.endLine()
                || (inner.endLine() == outer.endLine() && inner.endColumn() <= outer.endColumn());
        return startsAfter && endsBefore;
    }

    /** Whether range {@code inner} lies within range {@code outer} (both ends included). */
    public static boolean contains(Range outer, Range inner) {
        return compare(outer.getStart(), inner.getStart()) <= 0 && compare(inner.getEnd(), outer.getEnd()) <= 0;
    }

    /** Orders positions by line, then character. */
    public static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }
}
