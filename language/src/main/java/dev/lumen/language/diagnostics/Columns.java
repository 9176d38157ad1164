package dev.lumen.language.diagnostics;

import dev.lumen.language.source.SourceFile;

/**
 * Column arithmetic for renderers. Spans count UTF-16 units (what editors and the LSP speak); people read
 * code points, and a terminal shows a tab as several cells.
 */
final class Columns {
    /** A tab is drawn as this many spaces, and carets after it move by as much. */
    static final int TAB_WIDTH = 4;

    private Columns() {
    }

    /** The text of 1-based {@code line}, or "" when the line is outside the file. */
    static String line(SourceFile file, int line) {
        return line >= 1 && line <= file.lineCount() ? file.line(line) : "";
    }

    /** The 1-based code point column of 1-based UTF-16 column {@code column}, clamped to the line's end. */
    static int codePoints(String line, int column) {
        int units = clamp(column - 1, line);
        if (units > 0 && units < line.length() && Character.isLowSurrogate(line.charAt(units))
                && Character.isHighSurrogate(line.charAt(units - 1))) {
            units--; // a span never starts inside a code point; if one does, show the whole character
        }
        return line.codePointCount(0, units) + 1;
    }

    /** The UTF-16 index {@code index} clamped into [0, line.length()]. */
    static int clamp(int index, String line) {
        return Math.max(0, Math.min(index, line.length()));
    }

    /** How many terminal cells the text in UTF-16 range [from, to) of {@code line} takes. */
    static int width(String line, int from, int to) {
        int cells = 0;
        for (int i = clamp(from, line); i < clamp(to, line); ) {
            int cp = line.codePointAt(i);
            cells += cp == '\t' ? TAB_WIDTH : 1;
            i += Character.charCount(cp);
        }
        return cells;
    }

    /** The line as drawn in a snippet: tabs expanded, trailing whitespace removed. */
    static String display(String line) {
        return line.replace("\t", " ".repeat(TAB_WIDTH)).stripTrailing();
    }
}
