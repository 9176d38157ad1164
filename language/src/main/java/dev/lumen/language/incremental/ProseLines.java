package dev.lumen.language.incremental;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.Heading;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;

/**
 * Whether an edit of one prose line leaves a document's Markdown structure as it was, so that its `lumen` blocks,
 * directives and headings are those of the previous version. CommonMark decides a line's block structure by how
 * the line starts (indentation, `#`, `>`, list markers, fences, `<`, `@` for directives) and, for setext headings
 * and thematic breaks, by whether it holds anything but marker characters; an HTML block ends at a `>`. So the
 * edit must come after the line's second word, in a line with no `>` that has a letter or digit after its first
 * word before and after the edit, which is not a heading nor a `lumen` fence, and whose next line is no underline.
 * Anything else is extracted again.
 */
final class ProseLines {
    private ProseLines() {
    }

    static boolean keepStructure(LumenDocument document, SourceFile file, LineEdit e) {
        if (document.blockAt(e.line()) >= 0 || isFence(document, e.line()) || inHeading(document, e.line())) {
            return false;
        }
        if (e.before().indexOf('>') >= 0 || e.after().indexOf('>') >= 0) {
            return false;
        }
        int first = firstWordEnd(e.before());
        String start = e.before().strip();
        if (first < 0 || start.startsWith("@") || start.startsWith("`") || start.startsWith("~")
                || !secondWordBefore(e.before(), first, e.from())) {
            return false;
        }
        if (!wordCharacterAfter(e.before(), first) || !wordCharacterAfter(e.after(), first)) {
            return false;
        }
        return e.line() >= file.lineCount() || !couldUnderline(file.line(e.line() + 1));
    }

    /** Whether the line opens or closes a `lumen` block (its info string is part of the block). */
    private static boolean isFence(LumenDocument document, int line) {
        for (CodeBlock b : document.blocks()) {
            int opening = b.fence().line();
            if (line == opening || line == opening + b.lines().size() + 1) {
                return true;
            }
            if (opening > line) {
                break;
            }
        }
        return false;
    }

    private static boolean inHeading(LumenDocument document, int line) {
        for (Heading h : document.headings()) {
            if (h.span().line() <= line && line <= h.span().endLine()) {
                return true;
            }
        }
        return false;
    }

    /** The index just past the line's first word, or -1 for a blank line. */
    private static int firstWordEnd(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i == line.length()) {
            return -1;
        }
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether a second word starts between the first word's end and {@code from}. */
    private static boolean secondWordBefore(String line, int firstEnd, int from) {
        for (int i = firstEnd; i < from; i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i > firstEnd;
            }
        }
        return false;
    }

    private static boolean wordCharacterAfter(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (Character.isLetterOrDigit(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A setext underline or thematic break: marker characters and blanks only. */
    private static boolean couldUnderline(String line) {
        String s = line.strip();
        return !s.isEmpty() && s.chars().allMatch(c -> c == '=' || c == '-' || c == '*' || c == '_' || c == ' '
                || c == '\t');
    }
}
