package dev.lumen.language.incremental;

import dev.lumen.language.source.SourceFile;

/**
 * An edit that stays inside one line and breaks none: Markdown line {@code line}, whose text was {@code before}
 * and is {@code after}, changed from column {@code from} to {@code to} (0-based, in {@code before}).
 */
record LineEdit(int line, String before, String after, int from, int to) {

    /** The edit of {@code file} from offset {@code start} to {@code end} by {@code text}, or null if it is not one. */
    static LineEdit of(SourceFile file, int start, int end, String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return null;
        }
        int line = file.lineOf(start);
        String raw = file.line(line);
        int lineStart = file.offset(line);
        if (file.lineOf(end) != line || end - lineStart > raw.length()) {
            return null;
        }
        int from = start - lineStart;
        int to = end - lineStart;
        return new LineEdit(line, raw, raw.substring(0, from) + text + raw.substring(to), from, to);
    }
}
