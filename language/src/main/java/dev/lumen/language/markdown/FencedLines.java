package dev.lumen.language.markdown;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.SourceSpan;

/**
 * Maps the content of a fenced block back onto the Markdown lines it came from.
 *
 * <p>A fence's content lines are consecutive Markdown lines (CommonMark allows no lazy continuation inside
 * a fence), starting right after the opening fence. CommonMark gives each content line to the block with
 * its container markers (`> `, list indentation) and fence indentation removed, and a content line always
 * runs to the end of its Markdown line — so the code text is a suffix of the raw line, and where that
 * suffix starts is the column offset. Blank lines carry no source span, which this approach does not need.
 */
final class FencedLines {
    private FencedLines() {
    }

    static int contentLineCount(FencedCodeBlock block) {
        String literal = block.getLiteral();
        if (literal == null) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < literal.length(); i++) {
            if (literal.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** {@code opening}: the source span of the opening fence line. */
    static CodeBlock codeBlock(SourceFile file, FencedCodeBlock block, SourceSpan opening) {
        int openingIndex = opening.getLineIndex();
        String[] literal = block.getLiteral() == null ? new String[0] : block.getLiteral().split("\n", -1);
        int count = Math.min(contentLineCount(block), file.lineCount() - openingIndex - 1);
        List<CodeLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int mdLine = openingIndex + 2 + i;
            String raw = file.line(mdLine);
            int offset = contentStart(raw, literal[i]);
            lines.add(new CodeLine(raw.substring(offset), mdLine, offset));
        }
        String fenceLine = file.line(openingIndex + 1);
        return new CodeBlock(List.copyOf(lines), fenceSpan(fenceLine, openingIndex + 1,
                Math.min(opening.getColumnIndex(), fenceLine.length()), block.getFenceCharacter()));
    }

    /**
     * Where {@code content} (CommonMark's text of the line) starts in {@code raw}. The returned offset always
     * lies in the raw line, so the code text is the raw text itself and every column maps exactly.
     */
    static int contentStart(String raw, String content) {
        // CommonMark replaces NUL with U+FFFD; compare as it does, keep the raw text.
        String seen = raw.replace('\0', '\uFFFD');
        if (seen.endsWith(content)) {
            return raw.length() - content.length();
        }
        // A tab only partly consumed by a container or the fence indentation comes back as spaces. Keep the
        // common tail, plus as much raw whitespace before it as CommonMark kept columns for.
        int common = 0;
        while (common < content.length() && common < seen.length()
                && content.charAt(content.length() - 1 - common) == seen.charAt(seen.length() - 1 - common)) {
            common++;
        }
        int start = seen.length() - common;
        int extra = content.length() - common;
        while (extra > 0 && start > 0 && (seen.charAt(start - 1) == ' ' || seen.charAt(start - 1) == '\t')) {
            start--;
            extra--;
        }
        return start;
    }

    /** The opening fence from its first fence character to the end of its info string. */
    private static Span fenceSpan(String raw, int mdLine, int from, String fence) {
        char fenceChar = fence == null || fence.isEmpty() ? '`' : fence.charAt(0);
        int start = raw.indexOf(fenceChar, from);
        start = start < 0 ? from : start;
        int end = raw.length();
        while (end > start && Character.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        return Span.of(mdLine, start + 1, end + 1);
    }
}
