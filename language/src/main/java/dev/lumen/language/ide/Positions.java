package dev.lumen.language.ide;

import dev.lumen.language.source.SourceFile;

/** Editor positions (0-based line and UTF-16 character) and text offsets, converted both ways and clamped. */
final class Positions {
    private Positions() {
    }

    static int offset(SourceFile f, Position p) {
        if (p.line() < 0) {
            return 0;
        }
        if (p.line() >= f.lineCount()) {
            return f.text().length();
        }
        int start = f.offset(p.line() + 1);
        return start + Math.max(0, Math.min(p.character(), f.line(p.line() + 1).length()));
    }

    static Position position(SourceFile f, int offset) {
        int at = Math.max(0, Math.min(offset, f.text().length()));
        int line = f.lineOf(at);
        return new Position(line - 1, at - f.offset(line));
    }
}
