package dev.lumen.language.markdown;

import dev.lumen.language.source.Heading;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.SourceSpan;

/**
 * Reads a heading's text from its source lines. The extractor leaves inline content unparsed (see
 * {@link MarkdownExtractor}), so CommonMark gives headings no text nodes; their source spans say where the text is.
 */
final class Headings {
    private Headings() {
    }

    /** The heading of {@code level} whose lines (container markers removed) are {@code spans}; null if it has none. */
    static Heading of(SourceFile file, int level, List<SourceSpan> spans) {
        if (spans.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (SourceSpan s : spans) {
            String raw = file.line(s.getLineIndex() + 1);
            int from = Math.min(s.getColumnIndex(), raw.length());
            lines.add(raw.substring(from, Math.min(raw.length(), from + s.getLength())));
        }
        String text = isUnderline(lines.getLast()) && lines.size() > 1
                ? String.join(" ", lines.subList(0, lines.size() - 1).stream().map(String::strip).toList())
                : atxText(lines.getFirst());
        SourceSpan first = spans.getFirst();
        SourceSpan last = spans.getLast();
        Span span = new Span(first.getLineIndex() + 1, first.getColumnIndex() + 1, last.getLineIndex() + 1,
                last.getColumnIndex() + last.getLength() + 1);
        return new Heading(level, text, span);
    }

    /** A setext underline: `===` or `---`, possibly indented and followed by blanks. */
    private static boolean isUnderline(String line) {
        String s = line.strip();
        return !s.isEmpty() && (s.chars().allMatch(c -> c == '=') || s.chars().allMatch(c -> c == '-'));
    }

    /** `## Title ##` → `Title`: the opening run of `#`, and a closing run preceded by a blank, removed. */
    private static String atxText(String line) {
        String s = line.strip();
        int i = 0;
        while (i < s.length() && s.charAt(i) == '#') {
            i++;
        }
        s = s.substring(i).strip();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0 || Character.isWhitespace(s.charAt(end - 1))) {
            s = s.substring(0, end).strip();
        }
        return s;
    }
}
