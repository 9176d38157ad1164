package dev.lumen.language.source;

/**
 * A range in a Markdown document. Lines are 1-based; columns are 1-based UTF-16 indexes into the line
 * (renderers convert to code points for display); the end column is exclusive. A span never lies in
 * front matter or prose: the front end creates spans only for directive lines, fenced Lumen code and headings.
 */
public record Span(int line, int column, int endLine, int endColumn) {

    public static final Span NONE = new Span(0, 0, 0, 0);

    public static Span of(int line, int column, int endColumn) {
        return new Span(line, column, line, endColumn);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        boolean thisFirst = line < other.line || (line == other.line && column <= other.column);
        Span first = thisFirst ? this : other;
        boolean thisLast = endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
        Span last = thisLast ? this : other;
        return new Span(first.line, first.column, last.endLine, last.endColumn);
    }

    /**
     * Whether the position at 1-based {@code line} and {@code column} lies inside this span or at either end of
     * it: an editor's cursor right after a name is on that name.
     */
    public boolean touches(int line, int column) {
        boolean afterStart = line > this.line || (line == this.line && column >= this.column);
        boolean beforeEnd = line < endLine || (line == endLine && column <= endColumn);
        return afterStart && beforeEnd;
    }

    /** An empty span at this span's end, for "expected X here" diagnostics. */
    public Span atEnd() {
        return new Span(endLine, endColumn, endLine, endColumn);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
