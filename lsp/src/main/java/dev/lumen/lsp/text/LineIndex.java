package dev.lumen.lsp.text;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;

/**
 * Where each line of a text starts, to convert between LSP positions (0-based line, UTF-16 character) and
 * offsets into the Java string (whose chars are UTF-16 code units, so a character is an offset within the line).
 * Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as in LSP and in the front end's
 * {@link dev.lumen.language.source.SourceFile}.
 */
public final class LineIndex {
    private final String text;
    private final int[] starts;

    private LineIndex(String text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    public static LineIndex of(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return new LineIndex(text, Arrays.copyOf(starts, n));
    }

    public int lineCount() {
        return starts.length;
    }

    /** The offset of the first character of 0-based {@code line}. */
    public int lineStart(int line) {
        return starts[line];
    }

    /** The offset just past the last character of 0-based {@code line}, before its line terminator. */
    public int lineEnd(int line) {
        int end = line + 1 < starts.length ? starts[line + 1] : text.length();
        while (end > starts[line] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /**
     * The offset of {@code position}. A position past the end of its line is the end of the line, a line past
     * the end of the text is the end of the text, and a negative one is the start: clients may send any of them.
     */
    public int offset(Position position) {
        int line = position.getLine();
        if (line < 0) {
            return 0;
        }
        if (line >= starts.length) {
            return text.length();
        }
        int character = Math.max(0, position.getCharacter());
        return (int) Math.min((long) starts[line] + character, lineEnd(line));
    }

    /** The position of {@code offset} (clamped to the text). */
    public Position position(int offset) {
        int at = Math.max(0, Math.min(offset, text.length()));
        int line = Arrays.binarySearch(starts, at);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(line, at - starts[line]);
    }
}
