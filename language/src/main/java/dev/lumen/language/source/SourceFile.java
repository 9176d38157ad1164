package dev.lumen.language.source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The text of one `.lm.md` document and the start offset of each of its lines. */
public final class SourceFile {
    private final String name;
    private final Path path;
    private final String text;
    private final int[] lineStarts;

    /** A document that is not a file of a project (a snippet, a test): it sees only the bundled tools. */
    public SourceFile(String name, String text) {
        this(name, text, null);
    }

    /**
     * @param path the document's file, whose project gives it its tools and lock file; null for none
     */
    public SourceFile(String name, String text, Path path) {
        this.name = name;
        this.path = path;
        this.text = text;
        // Rebuilt on every keystroke in an editor: an int array, grown as needed, not a list of boxes.
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    /** The name shown in diagnostics: the path as the user gave it. */
    public String name() {
        return name;
    }

    /** The document's file, when it is one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /**
     * The offset in {@link #text} where 1-based line {@code line} starts; {@code lineCount() + 1} gives the text's
     * length, so that line k spans {@code [offset(k), offset(k + 1))} with its terminator.
     */
    public int offset(int line) {
        return line <= lineStarts.length ? lineStarts[line - 1] : text.length();
    }

    /** The 1-based line that holds character offset {@code offset} (clamped to the text). */
    public int lineOf(int offset) {
        int at = Math.max(0, Math.min(offset, text.length()));
        int found = Arrays.binarySearch(lineStarts, at);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** The text of 1-based line {@code line}, without its line terminator. */
    public String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * The text a span covers, as written in the Markdown (an expression, a type); the lines of a span over
     * several lines stripped and joined by a space. Null for a span outside the text.
     */
    public String text(Span s) {
        if (s.line() < 1 || s.line() > lineCount()) {
            return null;
        }
        if (s.line() == s.endLine()) {
            return slice(line(s.line()), s.column() - 1, s.endColumn() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (int at = s.line(); at <= s.endLine() && at <= lineCount(); at++) {
            String text = line(at);
            int from = at == s.line() ? s.column() - 1 : 0;
            int to = at == s.endLine() ? s.endColumn() - 1 : text.length();
            String piece = slice(text, from, to).strip();
            if (!piece.isEmpty()) {
                b.append(b.isEmpty() ? "" : " ").append(piece);
            }
        }
        return b.toString();
    }

    private static String slice(String text, int from, int to) {
        int f = Math.max(0, Math.min(text.length(), from));
        int t = Math.max(f, Math.min(text.length(), to));
        return text.substring(f, t);
    }
}
